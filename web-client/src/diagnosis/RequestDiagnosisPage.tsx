// /diagnosis/new — 申请远程诊断: a doctor sends one study (from a referral's shared studies, or the
// picked patient's studies in the institution's PACS) to a reading centre, with the clinical
// information, the question and a priority; the turnaround target shows as the priority changes.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Patient } from '@tiered-care/common';
import { RequestSubject } from '../consultations/RequestSubject';
import { getReferral } from '../referrals/api';
import { newIdempotencyKey } from '../referrals/idempotency';
import { FormProblems, problemLines } from '../ui/FormProblems';
import { ErrorState, Loading } from '../ui/states';
import { useAction } from '../ui/useAction';
import { useAsync } from '../ui/useAsync';
import { requestDiagnosis } from './api';
import { kindOfModalities } from './format';
import { RequestFields } from './RequestFields';
import { EMPTY_FORM, toRequestBody, type DiagnosisForm } from './requestForm';
import { StudyOptions, type StudyOption } from './StudyOptions';
import { usePatientStudies } from './usePatientStudies';
import './diagnosis.css';

export default function RequestDiagnosisPage() {
  const { t } = useTranslation('diagnosis');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const referralId = params.get('referralId');
  const linkedStudy = params.get('study');
  const referral = useAsync(
    (signal) => (referralId ? getReferral(referralId, signal) : Promise.resolve(null)),
    [referralId],
  );
  const [patient, setPatient] = useState<Patient | null>(null);
  const studies = usePatientStudies(referralId, patient);
  const [form, setForm] = useState<DiagnosisForm>(EMPTY_FORM);
  const [problems, setProblems] = useState<string[]>([]);
  const key = useRef(newIdempotencyKey());
  const { busy, failure, setFailure, run } = useAction();
  const set = (patch: Partial<DiagnosisForm>) => setForm((f) => ({ ...f, ...patch }));
  const pick = (s: StudyOption) =>
    setForm((f) => ({
      ...f,
      studyInstanceUid: s.studyInstanceUid,
      kind: kindOfModalities(s.modalities),
      centre: kindOfModalities(s.modalities) === f.kind ? f.centre : '',
    }));

  // The study the button was pressed on is chosen, its modality presets the kind.
  useEffect(() => {
    const linked = studies.data?.find((s) => s.studyInstanceUid === linkedStudy) ?? studies.data?.[0];
    if (linked) pick(linked);
  }, [studies.data, linkedStudy]);

  const r = referral.data;
  const patientId = r ? (r.patient?.id ?? null) : (patient?.id ?? null);
  const submit = async () => {
    setFailure(null);
    const parsed = toRequestBody(form, patientId, referralId);
    if (!parsed.success) {
      setProblems(problemLines(parsed.error));
      return;
    }
    setProblems([]);
    await run(async () => {
      const created = await requestDiagnosis(parsed.data, key.current);
      void navigate(`/diagnosis/${created.id}`, { replace: true });
    });
  };

  if (referralId && referral.loading) return <Loading />;
  if (referral.error) return <ErrorState error={referral.error} onRetry={referral.reload} />;

  return (
    <section className="stack diagnosis-request">
      <nav className="row">
        <Link to={r ? `/referrals/${r.id}` : '/diagnosis/outgoing'}>←</Link>
        <h1>{t('form.title')}</h1>
      </nav>
      <RequestSubject referral={r ?? null} patient={patient} onPatient={setPatient} />
      <form
        className="card stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {studies.error !== null && <ErrorState error={studies.error} onRetry={studies.reload} />}
        {studies.loading && (r || patient) ? (
          <Loading />
        ) : (
          (r ?? patient) && <StudyOptions studies={studies.data ?? []} form={form} onPick={pick} />
        )}
        <RequestFields form={form} set={set} />
        <FormProblems problems={problems} failure={failure} testId="diagnosis-form-errors" />
        <div className="row">
          <button type="submit" className="primary" disabled={busy} data-testid="diagnosis-submit">
            {busy ? t('form.submitting') : t('form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
