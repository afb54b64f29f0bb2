import { createContext } from 'react';

/**
 * Whether the canvas is zoomed out so far that node text cannot be read: nodes then draw only
 * their coloured box and label, which keeps a flow of a thousand nodes quick to open and pan.
 */
export const FarContext = createContext(false);
