// /consultations/new — 发起会诊: a doctor asks another institution of the consortium for a
// remote consultation about a referral (?referralId=) or a patient they pick, with the
// question, a priority, preferred times and the referral's shared studies.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Patient, Referral } from '@tiered-care/common';
import { useSession } from '../auth/session';
import { listStudies } from '../imaging/api';
import { getReferral } from '../referrals/api';
import { useDirectory } from '../directory/useDirectory';
import { FormProblems, problemLines } from '../ui/FormProblems';
import { ErrorState, Loading } from '../ui/states';
import { useAction } from '../ui/useAction';
import { useAsync } from '../ui/useAsync';
import { requestConsultation } from './api';
import { PreferredTimes } from './PreferredTimes';
import { EMPTY_REQUEST, toRequestBody, type RequestForm } from './requestForm';
import { RequestSubject } from './RequestSubject';
import { RequestTarget } from './RequestTarget';
import { StudyChoice } from './StudyChoice';
import { useRequestTargets } from './useRequestTargets';

export default function RequestConsultationPage() {
  const { t } = useTranslation('consultations');
  const navigate = useNavigate();
  const { user } = useSession();
  const [params] = useSearchParams();
  const referralId = params.get('referralId');
  const directory = useDirectory();
  const referral = useAsync(
    (signal) => (referralId ? getReferral(referralId, signal) : Promise.resolve(null)),
    [referralId],
  );
  const studies = useAsync(
    (signal) =>
      referralId
        ? listStudies(`/api/referrals/${encodeURIComponent(referralId)}/studies`, signal).then(
            (s) => s.studies,
          )
        : Promise.resolve([]),
    [referralId],
  );
  const [patient, setPatient] = useState<Patient | null>(null);
  const [form, setForm] = useState<RequestForm>(EMPTY_REQUEST);
  const [problems, setProblems] = useState<string[]>([]);
  const { busy, failure, setFailure, run } = useAction();
  const set = (patch: Partial<RequestForm>) => setForm((f) => ({ ...f, ...patch }));

  // From a referral: by default ask the other side of it, in the department it went to.
  useEffect(() => {
    const r: Referral | null | undefined = referral.data;
    if (!r || !user?.institution) return;
    const sender = r.from.institutionId === user.institution.id;
    setForm((f) => ({
      ...f,
      toInstitutionId: sender ? r.to.institutionId : r.from.institutionId,
      toDepartmentId: sender ? (r.to.departmentId ?? '') : '',
      priority: r.priority,
    }));
  }, [referral.data, user?.institution]);

  const choices = useRequestTargets(directory.data, form);

  const submit = async () => {
    setFailure(null);
    const parsed = toRequestBody(form, referralId, patient);
    if (!parsed.success) {
      setProblems(problemLines(parsed.error));
      return;
    }
    setProblems([]);
    await run(async () => {
      const created = await requestConsultation(parsed.data);
      void navigate(`/consultations/${created.id}`, { replace: true });
    });
  };

  if (directory.loading || (referralId && referral.loading)) return <Loading />;
  if (directory.error) return <ErrorState error={directory.error} onRetry={directory.reload} />;
  if (referral.error) return <ErrorState error={referral.error} onRetry={referral.reload} />;
  const r = referral.data;

  return (
    <section className="stack new-consult">
      <nav className="row">
        <Link to={r ? `/referrals/${r.id}` : '/consultations'}>←</Link>
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
        <RequestTarget form={form} set={set} {...choices} />
        <label>
          {t('form.question')}
          <textarea
            data-testid="consult-question"
            rows={5}
            placeholder={t('form.questionHint')}
            value={form.question}
            onChange={(e) => set({ question: e.target.value })}
          />
        </label>
        <PreferredTimes form={form} set={set} />
        {referralId && <StudyChoice form={form} set={set} studies={studies.data ?? []} />}
        <p className="muted">{t('form.studiesAfter')}</p>
        <FormProblems problems={problems} failure={failure} testId="consult-form-errors" />
        <div className="row">
          <button type="submit" className="primary" disabled={busy} data-testid="consult-submit">
            {busy ? t('form.submitting') : t('form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
