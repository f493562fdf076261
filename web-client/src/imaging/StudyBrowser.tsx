// The studies shared to a referral or consultation, and the viewer for the one chosen: the
// Cornerstone viewer for images, the ECG viewer for waveforms (both lazy, so the page around
// stays small until someone opens a study). Uncontrolled by default; the consult room passes
// `selection` and the viewers' states with their change callbacks to keep everyone in step,
// and `readOnly` for those who follow the presenter.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { StudySummary } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import type { EcgViewState } from '../ecg/types';
import { useFormat } from '../ui/dates';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import type { ViewerState } from '../viewer/viewState';
import { listStudies } from './api';
import { AttachStudy } from './AttachStudy';
import { viewerKindOf, type StudySelection } from './selection';
import { StudyItem } from './StudyItem';
import { StudyViewer } from './StudyViewer';
import { usePrefetchStudies } from './usePrefetchStudies';
import './imaging.css';

export type { StudySelection } from './selection';

export interface StudyBrowserProps {
  /** GET: `{studies}` (e.g. /api/referrals/:id/studies). */
  listUrl: string;
  /** POST `{studyInstanceUid}` to share a study here. */
  attachUrl?: string;
  canAttach: boolean;
  /** Opened once the list has loaded, when nothing is selected yet (a link to a study). */
  initialStudyUid?: string | null;
  /** Controlled selection; `undefined` keeps it inside. */
  selection?: StudySelection | null;
  onSelectionChange?: (selection: StudySelection | null) => void;
  viewerState?: ViewerState;
  onViewerStateChange?: (state: ViewerState) => void;
  ecgState?: EcgViewState;
  onEcgStateChange?: (state: EcgViewState) => void;
  /** Show what the presenter shows: no choosing, attaching or using the tools. */
  readOnly?: boolean;
  /** Something to do with one study, shown beside it (e.g. sending it for a remote reading). */
  studyAction?: (study: StudySummary) => ReactNode;
}

export function StudyBrowser(props: StudyBrowserProps) {
  const { listUrl, attachUrl, canAttach, initialStudyUid, readOnly = false } = props;
  const { t } = useTranslation('imaging');
  const f = useFormat();
  const list = useAsync((signal) => listStudies(listUrl, signal), [listUrl]);
  const studies = list.data?.studies;
  const [own, setOwn] = useState<StudySelection | null>(null);
  const controlled = props.selection !== undefined;
  const selection = controlled ? (props.selection ?? null) : own;
  const { onSelectionChange } = props;
  usePrefetchStudies(controlled ? props.selection?.studyUid : initialStudyUid, studies);

  const select = (s: StudySelection | null) => {
    if (!controlled) setOwn(s);
    onSelectionChange?.(s);
  };

  // A linked study opens by itself once, when the list says which viewer it needs.
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (opened || !studies || controlled) return;
    setOpened(true);
    const linked = studies.find((s) => s.studyInstanceUid === initialStudyUid && s.available);
    if (!linked) return;
    const s: StudySelection = {
      studyUid: linked.studyInstanceUid,
      seriesUid: null,
      kind: viewerKindOf(linked.modalities),
    };
    setOwn(s);
    onSelectionChange?.(s);
  }, [opened, studies, controlled, initialStudyUid, onSelectionChange]);

  const attachedUids = useMemo(() => new Set((studies ?? []).map((s) => s.studyInstanceUid)), [studies]);

  return (
    <section className="card stack study-browser" data-testid="study-browser">
      <div className="row">
        <h3 className="subhead">{t('title')}</h3>
        {list.loading && studies && <span className="muted">{t('common:state.loading')}</span>}
      </div>
      {list.error !== null && <ErrorState error={list.error} onRetry={list.reload} />}
      {!studies ? (
        list.error === null && <Loading />
      ) : studies.length === 0 ? (
        <Empty text={t('none')} />
      ) : (
        <ul className="study-items" data-testid="study-items">
          {studies.map((s) => (
            <StudyItem
              key={s.id}
              study={s}
              selected={selection?.studyUid === s.studyInstanceUid}
              disabled={readOnly || !s.available}
              sharedAt={f.dateTime(s.sharedAt)}
              action={readOnly ? undefined : props.studyAction?.(s)}
              onSelect={() =>
                select(
                  selection?.studyUid === s.studyInstanceUid
                    ? null
                    : { studyUid: s.studyInstanceUid, seriesUid: null, kind: viewerKindOf(s.modalities) },
                )
              }
            />
          ))}
        </ul>
      )}
      {canAttach && attachUrl && !readOnly && (
        <AttachStudy attachUrl={attachUrl} attachedUids={attachedUids} onAttached={list.reload} />
      )}
      {selection && (
        <div
          className={`study-viewer ${selection.kind}`}
          data-testid="study-viewer"
          data-study-uid={selection.studyUid}
          inert={readOnly}
        >
          <StudyViewer
            selection={selection}
            viewerState={props.viewerState}
            onViewerStateChange={props.onViewerStateChange}
            ecgState={props.ecgState}
            onEcgStateChange={props.onEcgStateChange}
          />
        </div>
      )}
    </section>
  );
}
