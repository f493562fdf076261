// /consultations/:id — one consultation: the request and its decision while it waits, then the
// 会诊记录 (participants and attendance, chat, shared images, opinions, conclusion, recordings,
// the report and the history). Staff of the two institutions who do not take part see the
// request only; anyone else gets "not found".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Frame } from '../ui/Frame';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useLiveEvent } from '../api/live';
import { StudyBrowser } from '../imaging/StudyBrowser';
import { ErrorState, Loading, useErrorMessage } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { endConsultation, getConsultation, getRecord } from './api';
import { ChatHistory } from './ChatHistory';
import { ConclusionPanel } from './ConclusionPanel';
import { ConsultHistory } from './ConsultHistory';
import { DecisionPanel } from './DecisionPanel';
import { dateTime } from './format';
import { OpinionsPanel } from './OpinionsPanel';
import { ParticipantsPanel } from './ParticipantsPanel';
import { ConsultStatusPill, OverduePill, PriorityPill } from './pills';
import { RecordingsPanel } from './RecordingsPanel';
import { ReportLink } from './ReportLink';
import { RequestFacts } from './RequestFacts';
import type { Consultation, ConsultationRecord } from '@tiered-care/common';
import './consultations.css';

/** The record when the caller may read it; the request view for the two institutions' staff. */
async function load(id: string, signal: AbortSignal): Promise<Consultation | ConsultationRecord> {
  try {
    return await getRecord(id, signal);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return getConsultation(id, signal);
    throw err;
  }
}

export default function ConsultationPage() {
  const { t } = useTranslation('consultations');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const c = useAsync((signal) => load(id, signal), [id]);
  useLiveEvent('consultation:changed', (e) => {
    if (e.consultationId === id) c.reload();
  });
  const [ending, setEnding] = useState<unknown>(null);
  const endingText = useErrorMessage(ending);

  if (c.loading && !c.data) return <Loading />;
  if (c.error) {
    if (c.error instanceof ApiError && c.error.status === 404) {
      return (
        <p className="card" data-testid="consult-not-found">
          {t('record.notFound')}
        </p>
      );
    }
    return <ErrorState error={c.error} onRetry={c.reload} />;
  }
  const d = c.data;
  if (!d) return <Loading />;
  const record = 'messages' in d ? d : null;
  const open = d.status === 'scheduled' || d.status === 'live';
  const organiser = d.myRole === 'host' || d.myRole === 'cohost';
  const frame = { 'consultation-id': d.id, version: d.version };

  return (
    <Frame as="article" className="stack consult-record" testId="consult-record" data={frame}>
      <nav className="row">
        <Link to="/consultations">← {t('title')}</Link>
      </nav>
      <header className="stack">
        <div className="row wrap">
          <h1>{record ? t('record.title') : t('record.requestView')}</h1>
          <ConsultStatusPill status={d.status} />
          {d.request && <PriorityPill priority={d.request.priority} />}
          {d.request?.overdue && <OverduePill />}
          <span className="spacer" />
          {d.myRole && open && (
            <button
              type="button"
              className="primary"
              data-testid="join-consult-link"
              onClick={() => void navigate(`/consult/${d.id}`)}
            >
              {t('record.join')}
            </button>
          )}
          {organiser && open && (
            <button
              type="button"
              data-testid="consult-end"
              onClick={() => {
                setEnding(null);
                endConsultation(d.id).then(c.reload, setEnding);
              }}
            >
              {t('record.end')}
            </button>
          )}
          {d.conclusion && d.recordVisible && <ReportLink consultationId={d.id} />}
        </div>
        {ending !== null && <p className="form-error">{endingText}</p>}
        <div className="muted">
          {d.title}
          {d.scheduledAt && ` · ${dateTime(d.scheduledAt)}（${d.durationMinutes ?? ''} 分钟）`}
          {d.patient && ` · ${t('patient')}：${d.patient.name}（${d.patient.birthDate}）`}
        </div>
      </header>
      <div className="consult-record-body">
        <div className="stack">
          {d.request && <RequestFacts consultation={d} />}
          <DecisionPanel consultation={d} onChanged={c.reload} />
          {d.conclusion || d.allowedActions.includes('conclude') ? (
            <ConclusionPanel consultation={d} onChanged={c.reload} />
          ) : null}
          {record && <OpinionsPanel consultation={record} onChanged={c.reload} />}
          {record && d.patient && (
            <section className="card stack">
              <h2 className="subhead">{t('record.studies')}</h2>
              <StudyBrowser
                listUrl={`/api/consultations/${encodeURIComponent(d.id)}/studies`}
                attachUrl={`/api/consultations/${encodeURIComponent(d.id)}/studies`}
                canAttach={
                  d.myRole !== null && (open || d.status === 'requested' || d.status === 'info_requested')
                }
              />
            </section>
          )}
        </div>
        <div className="stack">
          <ParticipantsPanel
            consultation={d}
            summary={record?.attendanceSummary ?? []}
            onChanged={c.reload}
          />
          {record && <RecordingsPanel consultation={record} />}
          {record && <ChatHistory messages={record.messages} />}
          <section className="card stack">
            <h2 className="subhead">{t('record.history')}</h2>
            <ConsultHistory events={d.events} />
          </section>
        </div>
      </div>
    </Frame>
  );
}
