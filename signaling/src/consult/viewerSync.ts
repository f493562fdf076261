// The shared viewer of one room: who presents, the latest view and its sequence number. The
// presenter's state goes to everyone else as it changes; the snapshot keeps the latest for
// people joining later. Nobody presenting = the first to move. A null view closes the viewer for
// everyone and frees the presenter's role.
import type { SharedView } from '@tiered-care/common';
import { RoomError } from './ack';

export class ViewerSync {
  presenterUserId: string | null = null;
  view: SharedView | null = null;
  private seq = 0;

  /** Takes the new view from `userId`; returns what to relay and whether the presenter changed. */
  share(userId: string, view: SharedView | null): { seq: number; presenterChanged: boolean } {
    const before = this.presenterUserId;
    if (before === null) this.presenterUserId = userId;
    if (this.presenterUserId !== userId) {
      throw new RoomError('not_presenter', 'take control of the viewer first');
    }
    this.view = view;
    this.seq += 1;
    if (view === null) this.presenterUserId = null;
    return { seq: this.seq, presenterChanged: this.presenterUserId !== before };
  }

  /** A presenter who leaves frees the role. */
  left(userId: string): void {
    if (this.presenterUserId === userId) this.presenterUserId = null;
  }
}
