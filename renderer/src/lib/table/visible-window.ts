/**
 * Which rows of a virtual list are on screen, for a fixed row height. Past `maxHeight` pixels (browsers stop
 * laying out around 16–33 million) the scroll range is compressed: the scrollbar maps linearly onto the rows,
 * so a million-row table still scrolls from the first row to the last.
 */
export interface WindowInput {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  readonly rowHeight: number;
  readonly rowCount: number;
  /** Extra rows drawn above and below the viewport, so fast scrolling shows no blank band. */
  readonly overscan: number;
  readonly maxHeight?: number;
}

export interface VisibleWindow {
  /** Height of the scrollable content. */
  readonly totalHeight: number;
  /** First and last row to draw (inclusive); last < first when there are no rows. */
  readonly first: number;
  readonly last: number;
  /** Where the first drawn row goes, from the top of the content. */
  readonly offset: number;
}

export const MAX_SCROLL_HEIGHT = 8_000_000;

export function visibleWindow(input: WindowInput): VisibleWindow {
  const { viewportHeight, rowHeight, rowCount, overscan } = input;
  const natural = rowCount * rowHeight;
  const totalHeight = Math.min(natural, input.maxHeight ?? MAX_SCROLL_HEIGHT);
  const scrollRange = Math.max(0, totalHeight - viewportHeight);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), scrollRange);
  if (rowCount === 0) return { totalHeight: 0, first: 0, last: -1, offset: 0 };

  // Rows topRow … topRow + onScreen cover the viewport however it is scrolled.
  const onScreen = Math.ceil(viewportHeight / rowHeight);
  // Compressed or not, the top row is the same fraction of the way through the rows as the scrollbar is.
  const topRow =
    natural === totalHeight ? scrollTop / rowHeight : scrollRange === 0 ? 0 : (scrollTop / scrollRange) * Math.max(0, rowCount - viewportHeight / rowHeight);
  const first = Math.max(0, Math.floor(topRow) - overscan);
  const last = Math.min(rowCount - 1, Math.floor(topRow) + onScreen + overscan);
  // The top row sits where its fraction puts it; the rows around it follow at their natural spacing.
  const offset = scrollTop - (topRow - first) * rowHeight;
  return { totalHeight, first, last, offset };
}
