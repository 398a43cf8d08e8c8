import { useState, type DragEvent } from 'react';

/**
 * Props that make an element a drop target for files (the course page and the editor), and
 * whether a file is being dragged over it. Drags of anything but files are left alone.
 */
export function useFileDrop(onFiles: (files: File[]) => void): {
  dragging: boolean;
  dropZone: {
    onDragOver: (e: DragEvent) => void;
    onDragLeave: (e: DragEvent) => void;
    onDrop: (e: DragEvent) => void;
  };
} {
  const [dragging, setDragging] = useState(false);
  return {
    dragging,
    dropZone: {
      onDragOver: (e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      },
      onDragLeave: (e) => {
        if (e.currentTarget === e.target) setDragging(false);
      },
      onDrop: (e) => {
        e.preventDefault();
        setDragging(false);
        onFiles(Array.from(e.dataTransfer.files));
      },
    },
  };
}
