// 发起转诊: patient, target, diagnosis, reason and summary, and for an outpatient up-referral a
// reserved slot booked on submission. One Idempotency-Key per form, so a double click or a retry
// after a network error never creates two referrals; a failed submit keeps everything typed.
import { useMemo, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { ErrorState, Loading } from '../ui/states';
import { createReferral } from './api';
import { ClinicalSection } from './ClinicalSection';
import { newIdempotencyKey } from './idempotency';
import { NewReferralActions } from './NewReferralActions';
import { PatientSection } from './PatientSection';
import { toCreateBody } from './referralForm';
import { SlotSection } from './SlotSection';
import { routeChoices, TargetFields } from './TargetFields';
import { useDirectory } from '../directory/useDirectory';
import { useReferralForm } from './useReferralForm';
import { apiFieldErrors, zodErrors } from './validation';
import './referralForm.css';

export default function NewReferralPage() {
  const { t } = useTranslation('referrals');
  const navigate = useNavigate();
  const location = useLocation();
  const { user } = useSession();
  const directory = useDirectory();
  const { form, errors, setErrors, update, updateTarget, showErrors } = useReferralForm(location.state);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<'submit' | 'draft' | null>(null);
  const [slotReload, setSlotReload] = useState(0);
  const key = useRef(newIdempotencyKey());

  const choices = useMemo(
    () => (directory.data ? routeChoices(directory.data, user?.institution?.level ?? null) : []),
    [directory.data, user?.institution?.level],
  );
  const direction = choices.find((c) => c.institution.id === form.target.toInstitutionId)?.direction;
  const slotsApply = form.target.type === 'outpatient' && direction === 'up';

  const formats = { 'diagnosis.code': t('validation.icd10') };

  const send = async (asDraft: boolean) => {
    setFailure(null);
    const parsed = toCreateBody(slotsApply ? form : { ...form, slot: null }, asDraft);
    if (!parsed.success) {
      setErrors(zodErrors(t, parsed.error.issues, formats));
      showErrors();
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
        showErrors();
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

        <ClinicalSection form={form} update={update} errors={errors} />

        {slotsApply && <SlotSection form={form} update={update} errors={errors} slotReload={slotReload} />}

        <NewReferralActions
          failure={failure}
          busy={busy}
          booking={Boolean(form.slot)}
          onDraft={() => void send(true)}
        />
      </form>
    </div>
  );
}
