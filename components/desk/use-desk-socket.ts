'use client';
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@/lib/contracts/chat';

export type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One socket per desk tab; the session cookie authenticates it. */
export function useDeskSocket() {
  const [socket, setSocket] = useState<DeskSocket | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const s: DeskSocket = io({ path: '/socket.io', transports: ['websocket', 'polling'], withCredentials: true });
    setSocket(s);
    s.on('connect', () => setConnected(true));
    s.on('disconnect', (reason) => {
      setConnected(false);
      // The server closed it (this session was signed out elsewhere, or the socket flooded): try again shortly;
      // an ended session is then refused as UNAUTHORIZED and the tab goes to the sign-in page.
      if (reason === 'io server disconnect') setTimeout(() => s.connect(), 1500);
    });
    s.on('connect_error', (err) => {
      if (err.message === 'UNAUTHORIZED') window.location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    });
    return () => {
      s.disconnect();
    };
  }, []);
  return { socket, connected };
}

export function emitWithAck<T>(socket: DeskSocket | null, event: keyof ClientToServerEvents, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    if (!socket) return reject(new Error('Not connected'));
    (socket.timeout(timeoutMs) as unknown as { emit: (e: string, p: unknown, cb: (err: Error | null, ack: Ack<T>) => void) => void }).emit(
      event,
      payload,
      (err, ack) => {
        if (err) return reject(new Error('The server did not answer in time'));
        if (!ack.ok) return reject(Object.assign(new Error(ack.error.message), { code: ack.error.code }));
        resolve(ack.data);
      },
    );
  });
}

/** Marks the person away after `idleMs` without input, and online again on the next input. */
export function useAutoAway(socket: DeskSocket | null, enabled: boolean, idleMs = 5 * 60_000) {
  const state = useRef<'online' | 'away'>('online');
  useEffect(() => {
    if (!socket || !enabled) return;
    let timer: ReturnType<typeof setTimeout>;
    const goAway = () => {
      if (state.current === 'online') {
        state.current = 'away';
        socket.emit('presence:set', { status: 'away' });
      }
    };
    const active = () => {
      clearTimeout(timer);
      timer = setTimeout(goAway, idleMs);
      if (state.current === 'away') {
        state.current = 'online';
        socket.emit('presence:set', { status: 'online' });
      }
    };
    const events = ['mousemove', 'keydown', 'pointerdown', 'focus'] as const;
    events.forEach((e) => window.addEventListener(e, active, { passive: true }));
    timer = setTimeout(goAway, idleMs);
    return () => {
      clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, active));
    };
  }, [socket, enabled, idleMs]);
}
