/** The `hourglass` command line, callable in-process for tests. @packageDocumentation */
export { main, USAGE, type Io } from './main.ts';
