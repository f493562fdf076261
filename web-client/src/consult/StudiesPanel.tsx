// The studies shared to the consultation (and to its referral); opening one shows it in the
// shared viewer, to everyone when presenting. While someone else presents the list is read-only.
import type { StudyList } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useLiveEvent } from '../api/live';
import { listStudies } from '../imaging/api';
import { AttachStudy } from '../imaging/AttachStudy';
import { dicomDate, viewerKindOf } from '../imaging/selection';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import type { OpenView } from './sharedView';
import './sidePanel.css';

interface Props {
  consultationId: string;
  following: boolean;
  openStudyUid: string | null;
  onOpen: (view: OpenView) => void;
}

/** A server without the listing yet answers 404: that is an empty list, not an error. */
async function consultationStudies(consultationId: string, signal: AbortSignal): Promise<StudyList> {
  try {
    return await listStudies(`/api/consultations/${consultationId}/studies`, signal);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { studies: [] };
    throw err;
  }
}

export function StudiesPanel({ consultationId, following, openStudyUid, onOpen }: Props) {
  const { t } = useTranslation('consult');
  const list = useAsync((signal) => consultationStudies(consultationId, signal), [consultationId]);
  // Another participant shared a study: list it here too.
  useLiveEvent('consultation:changed', (e) => {
    if (e.consultationId === consultationId && e.action === 'study_shared') list.reload();
  });

  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const attachedUids = new Set(list.data.studies.map((s) => s.studyInstanceUid));
  return (
    <>
      {list.data.studies.length === 0 && <Empty text={t('room.viewer.none')} />}
      <ul className="consult-studies">
        {list.data.studies.map((s) => {
          const kind = viewerKindOf(s.modalities);
          return (
            <li
              key={s.studyInstanceUid}
              data-testid="consult-study"
              data-study-uid={s.studyInstanceUid}
              className={s.studyInstanceUid === openStudyUid ? 'open' : undefined}
            >
              <strong>{s.description ?? s.modalities.join(' / ')}</strong>
              <span className="muted small">
                {[s.modalities.join(' / '), dicomDate(s.studyDate)].filter(Boolean).join(' · ')}
                {!s.available && ` · ${t('room.viewer.unavailable')}`}
              </span>
              <button
                type="button"
                data-testid="open-study"
                data-kind={kind}
                disabled={following || !s.available}
                onClick={() =>
                  onOpen(
                    kind === 'ecg'
                      ? { kind, studyUid: s.studyInstanceUid, seriesUid: null, ecg: null }
                      : { kind, studyUid: s.studyInstanceUid, seriesUid: null, viewer: null },
                  )
                }
              >
                {kind === 'ecg' ? t('room.viewer.ecg') : t('room.viewer.images')}
              </button>
            </li>
          );
        })}
      </ul>
      {/* Participants share more studies from their own PACS (or upload) during the consultation. */}
      {!following && (
        <AttachStudy
          attachUrl={`/api/consultations/${consultationId}/studies`}
          attachedUids={attachedUids}
          onAttached={list.reload}
        />
      )}
    </>
  );
}
