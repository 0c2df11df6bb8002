/**
 * happy-dom lays nothing out (every element is 0×0), so a virtualised list would show no row.
 * This gives scrolling containers the size a real window would; it is the only stand-in.
 */
export function giveScrollersASize(height = 600, width = 320): void {
  for (const [prop, value] of [
    ['clientHeight', height],
    ['clientWidth', width],
  ] as const) {
    Object.defineProperty(HTMLElement.prototype, prop, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('history-list') ? value : 0;
      },
    });
  }
}
