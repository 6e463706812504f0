// Worker entry: compiles and runs ai-worker.ts with tsx (path aliases from tsconfig included).
import { tsImport } from 'tsx/esm/api';

await tsImport('./ai-worker.ts', import.meta.url);
