// /consultations/new — 发起会诊: a doctor asks another institution of the consortium for a
// remote consultation about a referral (?referralId=) or a patient they pick, with the
// question, a priority, preferred times and the referral's shared studies.
import { Priority, RequestConsultationBody } from '@tiered-care/common';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Patient, Referral } from '../api/types';
import { useSession } from '../auth/session';
import { listStudies } from '../imaging/api';
import { getReferral } from '../referrals/api';
import { PatientLine } from '../referrals/PatientLine';
import { PatientSearch } from '../referrals/PatientSearch';
import { useDirectory } from '../referrals/useDirectory';
import { ErrorState, Loading, useErrorMessage } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { requestConsultation, searchStaff } from './api';
import { fromLocalInput } from './format';

interface Form {
  toInstitutionId: string;
  toDepartmentId: string;
  specialistUserId: string;
  priority: Priority;
  question: string;
  preferredFrom: string;
  preferredTo: string;
  studyInstanceUids: string[];
}

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
  const [form, setForm] = useState<Form>({
    toInstitutionId: '',
    toDepartmentId: '',
    specialistUserId: '',
    priority: 'routine',
    question: '',
    preferredFrom: '',
    preferredTo: '',
    studyInstanceUids: [],
  });
  const [problems, setProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const failureText = useErrorMessage(failure);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

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

  const targets = useMemo(() => {
    const d = directory.data;
    if (!d) return [];
    const reachable = new Set(d.routes.map((r) => r.toInstitutionId));
    return d.institutions.filter((i) => reachable.has(i.id));
  }, [directory.data]);
  const departments = targets.find((i) => i.id === form.toInstitutionId)?.departments ?? [];
  const specialists = useAsync(
    (signal) =>
      form.toInstitutionId
        ? searchStaff(
            {
              institutionId: form.toInstitutionId,
              departmentId: form.toDepartmentId || undefined,
              role: 'specialist',
            },
            signal,
          )
        : Promise.resolve([]),
    [form.toInstitutionId, form.toDepartmentId],
  );

  const submit = async () => {
    setFailure(null);
    const from = fromLocalInput(form.preferredFrom);
    const to = fromLocalInput(form.preferredTo);
    const parsed = RequestConsultationBody.safeParse({
      mode: 'request',
      toInstitutionId: form.toInstitutionId || undefined,
      toDepartmentId: form.toDepartmentId || undefined,
      specialistUserId: form.specialistUserId || undefined,
      priority: form.priority,
      question: form.question,
      preferredTimes: from && to ? [{ from, to }] : undefined,
      referralId: referralId ?? undefined,
      patientId: referralId ? undefined : patient?.id,
      studyInstanceUids: form.studyInstanceUids.length ? form.studyInstanceUids : undefined,
    });
    if (!parsed.success) {
      setProblems(parsed.error.issues.map((i) => `${i.path.join('.') || '—'}: ${i.message}`));
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      const created = await requestConsultation(parsed.data);
      void navigate(`/consultations/${created.id}`, { replace: true });
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
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
      <div className="card stack">
        {r ? (
          <p data-testid="consult-about-referral">
            {t('form.aboutReferral', { no: r.referralNo, name: r.patient?.name ?? '' })}
          </p>
        ) : patient ? (
          <div className="row">
            <PatientLine patient={patient} />
            <button type="button" onClick={() => setPatient(null)}>
              {t('form.pickPatient')}
            </button>
          </div>
        ) : (
          <>
            <h2>{t('form.pickPatient')}</h2>
            <PatientSearch onPick={setPatient} />
          </>
        )}
      </div>
      <form
        className="card stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="row wrap">
          <label>
            {t('form.toInstitution')}
            <select
              data-testid="consult-to-institution"
              value={form.toInstitutionId}
              onChange={(e) =>
                set({ toInstitutionId: e.target.value, toDepartmentId: '', specialistUserId: '' })
              }
            >
              <option value="">{t('form.choose')}</option>
              {targets.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('form.toDepartment')}
            <select
              data-testid="consult-to-department"
              value={form.toDepartmentId}
              onChange={(e) => set({ toDepartmentId: e.target.value, specialistUserId: '' })}
            >
              <option value="">{t('form.anyDepartment')}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('form.specialist')}
            <select
              data-testid="consult-specialist"
              value={form.specialistUserId}
              onChange={(e) => set({ specialistUserId: e.target.value })}
            >
              <option value="">{t('form.anySpecialist')}</option>
              {(specialists.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                  {s.title ? `（${s.title}）` : ''} {s.departmentName ?? ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('form.priority')}
            <select
              data-testid="consult-priority"
              value={form.priority}
              onChange={(e) => set({ priority: e.target.value as Priority })}
            >
              {Priority.options.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
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
        <fieldset className="row wrap">
          <legend>{t('form.preferred')}</legend>
          <label>
            {t('form.preferredFrom')}
            <input
              type="datetime-local"
              data-testid="consult-preferred-from"
              value={form.preferredFrom}
              onChange={(e) => set({ preferredFrom: e.target.value })}
            />
          </label>
          <label>
            {t('form.preferredTo')}
            <input
              type="datetime-local"
              data-testid="consult-preferred-to"
              value={form.preferredTo}
              onChange={(e) => set({ preferredTo: e.target.value })}
            />
          </label>
        </fieldset>
        {referralId && (
          <fieldset className="stack">
            <legend>{t('form.studies')}</legend>
            {(studies.data ?? []).length === 0 ? (
              <p className="muted">{t('form.noStudies')}</p>
            ) : (
              (studies.data ?? []).map((s) => (
                <label key={s.studyInstanceUid} className="row">
                  <input
                    type="checkbox"
                    data-testid="consult-study"
                    checked={form.studyInstanceUids.includes(s.studyInstanceUid)}
                    onChange={(e) =>
                      set({
                        studyInstanceUids: e.target.checked
                          ? [...form.studyInstanceUids, s.studyInstanceUid]
                          : form.studyInstanceUids.filter((u) => u !== s.studyInstanceUid),
                      })
                    }
                  />
                  {[s.modalities.join('/'), s.description, s.studyDate].filter(Boolean).join(' · ')}
                </label>
              ))
            )}
          </fieldset>
        )}
        <p className="muted">{t('form.studiesAfter')}</p>
        {problems.length > 0 && (
          <ul className="form-error" role="alert" data-testid="consult-form-errors">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {failure !== null && (
          <p className="form-error" role="alert">
            {failureText}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy} data-testid="consult-submit">
            {busy ? t('form.submitting') : t('form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
