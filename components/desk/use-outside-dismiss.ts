import { type RefObject, useEffect } from 'react';

/** While `open`, a pointer pressed outside `ref`'s element calls `close` (menus, popovers). */
export function useOutsideDismiss(ref: RefObject<HTMLElement | null>, open: boolean, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [ref, open, close]);
}
