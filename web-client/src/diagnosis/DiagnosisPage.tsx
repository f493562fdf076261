// /diagnosis/:id — one diagnosis request. The centre's readers read it here: the study in the
// existing viewers (ECG with calipers, images with measurements) beside the report form. The
// requester sees the signed report with every version, the PDF, and acknowledges it (a critical
// finding prominently). Anyone else gets "not found". Kept current live.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useLiveEvent } from '../api/live';
import { useSession } from '../auth/session';
import { StudyViewer } from '../imaging/StudyViewer';
import { useFormat } from '../ui/dates';
import { Frame } from '../ui/Frame';
import { ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { Acknowledge } from './Acknowledge';
import { getDiagnosis } from './api';
import { DiagnosisHistory } from './DiagnosisHistory';
import { viewerKind } from './format';
import { CriticalPill, DiagnosisStatusPill, KindPill, OverduePill, PriorityPill } from './pills';
import { ReportEditor } from './ReportEditor';
import { ReportView } from './ReportView';
import { RequestActions } from './RequestActions';
import { RequestFacts } from './RequestFacts';
import './diagnosis.css';

export default function DiagnosisPage() {
  const { t } = useTranslation('diagnosis');
  const f = useFormat();
  const { id = '' } = useParams();
  const { user } = useSession();
  const req = useAsync((signal) => getDiagnosis(id, signal), [id]);
  useLiveEvent('diagnosis:changed', (e) => {
    if (e.requestId === id && e.version !== req.data?.version) req.reload();
  });

  if (req.loading && !req.data) return <Loading />;
  if (req.error && !req.data) {
    if (req.error instanceof ApiError && req.error.status === 404) {
      return (
        <p className="card" data-testid="diagnosis-not-found">
          {t('notFound')}
        </p>
      );
    }
    return <ErrorState error={req.error} onRetry={req.reload} />;
  }
  const d = req.data;
  if (!d) return <Loading />;
  const reader = user?.department?.id === d.toDepartment.id;
  const frame = { 'request-id': d.id, version: d.version, status: d.status };

  return (
    <Frame as="article" className="stack diagnosis-page" testId="diagnosis-page" data={frame}>
      <nav className="row">
        <Link to={reader ? '/diagnosis/reading' : '/diagnosis/outgoing'}>
          ← {reader ? t('reading.title') : t('outgoing.title')}
        </Link>
      </nav>
      <header className="row wrap">
        <h1>{t(`kind.${d.kind}`)}</h1>
        <KindPill kind={d.kind} />
        <PriorityPill priority={d.priority} />
        <DiagnosisStatusPill status={d.status} />
        {d.overdue && <OverduePill />}
        {d.critical && <CriticalPill />}
        {d.awaitingCosign && <span className="pill urgent">{t('awaitingCosign')}</span>}
        <span className="spacer" />
        <strong>{d.patient?.name ?? t('patientUnavailable')}</strong>
        <span className="muted">{t('due', { time: f.dateTime(d.dueAt) })}</span>
      </header>
      {/* A critical finding comes first, above everything else on the page. */}
      {d.critical && <Acknowledge request={d} onChange={req.setData} />}
      <RequestActions request={d} onChange={req.setData} />
      {reader && d.status !== 'cancelled' ? (
        <div className="reading-body">
          <div className={`study-viewer ${viewerKind(d.kind)}`} data-testid="study-viewer">
            <StudyViewer
              selection={{ studyUid: d.studyInstanceUid, seriesUid: null, kind: viewerKind(d.kind) }}
            />
          </div>
          <div className="stack">
            <RequestFacts request={d} />
            <ReportEditor key={d.status} request={d} onChange={req.setData} />
            {d.reports.length > 0 && <ReportView request={d} />}
          </div>
        </div>
      ) : (
        <div className="stack">
          <RequestFacts request={d} />
          <ReportView request={d} />
          {!d.critical && <Acknowledge request={d} onChange={req.setData} />}
        </div>
      )}
      <DiagnosisHistory events={d.events} />
    </Frame>
  );
}
