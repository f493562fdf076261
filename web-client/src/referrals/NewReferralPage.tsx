// 发起转诊: patient, target, diagnosis, reason and summary, and for an outpatient up-referral a
// reserved slot booked on submission. One Idempotency-Key per form, so a double click or a retry
// after a network error never creates two referrals; a failed submit keeps everything typed.
import { useEffect, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { ErrorState, Loading, useErrorMessage } from '../ui/states';
import { createReferral, getPatient } from './api';
import { DiagnosisField } from './DiagnosisField';
import { errorProps, Field } from './Field';
import { newIdempotencyKey } from './idempotency';
import { PatientSection } from './PatientSection';
import { initialForm, toCreateBody, type ReferralFormState } from './referralForm';
import { SlotPicker } from './SlotPicker';
import { StudyList } from './StudyList';
import { routeChoices, TargetFields, type Target } from './TargetFields';
import { useDirectory } from './useDirectory';
import { apiFieldErrors, zodErrors, type FieldErrors } from './validation';
import './referrals.css';

/** What a consultation's "refer as advised" hands over: the patient, where to, and why. */
interface Prefill {
  patientId?: string;
  toInstitutionId?: string;
  reason?: string;
  summary?: string;
  diagnosisText?: string;
}

function prefillFrom(state: unknown): Prefill {
  const p = (state as { prefill?: unknown } | null)?.prefill;
  if (!p || typeof p !== 'object') return {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const o = p as Record<string, unknown>;
  return {
    patientId: str(o.patientId),
    toInstitutionId: str(o.toInstitutionId),
    reason: str(o.reason),
    summary: str(o.summary),
    diagnosisText: str(o.diagnosisText),
  };
}

function studiesFrom(state: unknown): string[] {
  const uids = (state as { studyInstanceUids?: unknown } | null)?.studyInstanceUids;
  return Array.isArray(uids) ? uids.filter((u): u is string => typeof u === 'string') : [];
}

export default function NewReferralPage() {
  const { t } = useTranslation('referrals');
  const navigate = useNavigate();
  const location = useLocation();
  const { user } = useSession();
  const directory = useDirectory();
  const [form, setForm] = useState<ReferralFormState>(() => {
    const f = initialForm(studiesFrom(location.state));
    const p = prefillFrom(location.state);
    return {
      ...f,
      target: { ...f.target, toInstitutionId: p.toInstitutionId ?? '' },
      diagnosis: { ...f.diagnosis, text: p.diagnosisText ?? '' },
      reason: p.reason ?? '',
      summary: p.summary ?? '',
    };
  });
  const prefillPatient = prefillFrom(location.state).patientId;
  useEffect(() => {
    if (!prefillPatient) return;
    getPatient(prefillPatient).then(
      (patient) => setForm((f) => (f.patient ? f : { ...f, patient })),
      () => undefined,
    );
  }, [prefillPatient]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<'submit' | 'draft' | null>(null);
  const [slotReload, setSlotReload] = useState(0);
  const key = useRef(newIdempotencyKey());
  const [focusError, setFocusError] = useState(0);
  const failureText = useErrorMessage(failure);

  const choices = useMemo(
    () => (directory.data ? routeChoices(directory.data, user?.institution?.level ?? null) : []),
    [directory.data, user?.institution?.level],
  );
  const direction = choices.find((c) => c.institution.id === form.target.toInstitutionId)?.direction;
  const slotsApply = form.target.type === 'outpatient' && direction === 'up';

  useEffect(() => {
    if (focusError === 0) return;
    const first = document.querySelector<HTMLElement>(
      '[aria-invalid="true"], [data-testid="field-error-patient"]',
    );
    first?.focus();
    first?.scrollIntoView({ block: 'center' });
  }, [focusError]);

  // A field's error goes as soon as the field is changed; the others stay until the next try.
  const clearErrors = (keys: string[]) =>
    setErrors((e) => {
      const left = Object.fromEntries(
        Object.entries(e).filter(([k]) => !keys.some((x) => k === x || k.startsWith(`${x}.`))),
      );
      return Object.keys(left).length === Object.keys(e).length ? e : left;
    });
  const update = (patch: Partial<ReferralFormState>) => {
    clearErrors(Object.keys(patch).map((k) => (k === 'patient' ? 'patientId' : k === 'slot' ? 'slotId' : k)));
    setForm((f) => ({ ...f, ...patch }));
  };
  const updateTarget = (patch: Partial<Target>) => {
    clearErrors(Object.keys(patch));
    setForm((f) => {
      const target = { ...f.target, ...patch };
      const sameSlotScope =
        target.toInstitutionId === f.target.toInstitutionId &&
        target.toDepartmentId === f.target.toDepartmentId &&
        target.type === f.target.type;
      return { ...f, target, slot: sameSlotScope ? f.slot : null };
    });
  };

  const formats = { 'diagnosis.code': t('validation.icd10') };

  const send = async (asDraft: boolean) => {
    setFailure(null);
    const parsed = toCreateBody(slotsApply ? form : { ...form, slot: null }, asDraft);
    if (!parsed.success) {
      setErrors(zodErrors(t, parsed.error.issues, formats));
      setFocusError((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(asDraft ? 'draft' : 'submit');
    try {
      const created = await createReferral(parsed.data, key.current);
      await navigate(`/referrals/${created.id}`);
    } catch (err) {
      const fields = apiFieldErrors(t, err, formats);
      if (fields) {
        setErrors(fields);
        setFocusError((n) => n + 1);
      }
      if (err instanceof ApiError && err.code === 'slot_unavailable') {
        update({ slot: null });
        setSlotReload((n) => n + 1);
      }
      setFailure(err);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!busy) void send(false);
  };

  if (directory.loading && !directory.data) return <Loading />;
  if (directory.error) return <ErrorState error={directory.error} onRetry={directory.reload} />;

  return (
    <div className="new-referral stack">
      <h1>{t('new.title')}</h1>
      <PatientSection
        patient={form.patient}
        onChange={(patient) => update({ patient })}
        error={errors.patientId ? t('patient.required') : undefined}
      />
      <form className="stack" onSubmit={onSubmit} noValidate aria-busy={busy !== null}>
        <section className="card stack" aria-labelledby="target-heading">
          <h2 id="target-heading">{t('new.target')}</h2>
          {choices.length === 0 ? (
            <p className="muted">{t('new.noRoutes')}</p>
          ) : (
            <TargetFields choices={choices} value={form.target} onChange={updateTarget} errors={errors} />
          )}
        </section>

        <section className="card stack" aria-labelledby="clinical-heading">
          <h2 id="clinical-heading">{t('new.clinical')}</h2>
          <DiagnosisField
            value={form.diagnosis}
            onChange={(diagnosis) => update({ diagnosis })}
            errors={{ code: errors['diagnosis.code'], text: errors['diagnosis.text'] }}
          />
          <Field id="referral-reason" label={t('form.reason')} error={errors.reason}>
            <textarea
              id="referral-reason"
              data-testid="referral-reason"
              rows={2}
              maxLength={2000}
              value={form.reason}
              onChange={(e) => update({ reason: e.target.value })}
              {...errorProps('referral-reason', errors.reason)}
            />
          </Field>
          <Field
            id="referral-summary"
            label={t('form.summary')}
            hint={t('form.summaryHint')}
            error={errors.summary}
          >
            <textarea
              id="referral-summary"
              data-testid="referral-summary"
              rows={5}
              maxLength={10000}
              value={form.summary}
              onChange={(e) => update({ summary: e.target.value })}
              {...errorProps('referral-summary', errors.summary)}
            />
          </Field>
          {form.studyInstanceUids.length > 0 && <StudyList uids={form.studyInstanceUids} />}
        </section>

        {slotsApply && (
          <section className="card stack" aria-labelledby="slot-heading">
            <h2 id="slot-heading">{t('slots.title')}</h2>
            {form.target.toDepartmentId ? (
              <>
                <p className="muted">{t('slots.optional')}</p>
                <SlotPicker
                  key={slotReload}
                  institutionId={form.target.toInstitutionId}
                  departmentId={form.target.toDepartmentId}
                  type="outpatient"
                  value={form.slot?.id ?? null}
                  onChange={(slot) => update({ slot })}
                />
              </>
            ) : (
              <p className="muted">{t('slots.chooseDepartment')}</p>
            )}
            {errors.slotId && <span className="field-error">{errors.slotId}</span>}
          </section>
        )}

        <div className="form-actions">
          {failure !== null && (
            <p className="form-error" role="alert" data-testid="referral-form-error">
              {failureText}
              {failure instanceof ApiError && failure.code === 'idempotency_key_reused' && (
                <>
                  {' '}
                  <Link to="/referrals">{t('new.seeMine')}</Link>
                </>
              )}
            </p>
          )}
          <div className="row">
            <button
              type="submit"
              className="primary"
              data-testid="referral-form-submit"
              disabled={busy !== null}
            >
              {busy === 'submit' ? t('new.submitting') : form.slot ? t('new.submitAndBook') : t('new.submit')}
            </button>
            <button
              type="button"
              data-testid="referral-form-draft"
              disabled={busy !== null}
              onClick={() => void send(true)}
            >
              {busy === 'draft' ? t('new.saving') : t('new.saveDraft')}
            </button>
          </div>
        </div>
      </form>
    </div>
  );
}
