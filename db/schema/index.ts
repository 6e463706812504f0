export * from './workspace';
export * from './commerce';
export * from './chat';
export * from './sla';
export * from './automation';
export * from './tickets';
export * from './reporting';
export * from './experiments';
