// Screen sharing's browser side: the picker, and what to make of the user cancelling it.

/** Asks the user for a screen or window; null when they cancel or the browser refuses. */
export async function pickScreen(
  onNotice: (code: string, message: string) => void,
): Promise<MediaStream | null> {
  try {
    return await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: { max: 15 } },
      audio: false,
    });
  } catch (err) {
    // Cancelling the browser's picker is a choice, not an error.
    if (err instanceof DOMException && err.name === 'NotAllowedError') return null;
    onNotice('screen_failed', err instanceof Error ? err.message : String(err));
    return null;
  }
}

export function stopTracks(stream: MediaStream | null): void {
  for (const t of stream?.getTracks() ?? []) t.stop();
}
