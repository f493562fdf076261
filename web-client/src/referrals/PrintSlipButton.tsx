// Opens the printable 双向转诊单 (PDF) in a new tab, with a loading line while it downloads.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { openPdf } from '../ui/openPdf';
import { useErrorMessage } from '../ui/states';

export function PrintSlipButton({ referralId }: { referralId: string }) {
  const { t } = useTranslation('referrals');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const message = useErrorMessage(failure);

  const open = async () => {
    setFailure(null);
    setBusy(true);
    try {
      await openPdf(`/api/referrals/${encodeURIComponent(referralId)}/slip.pdf`, t('slip.loading'));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="row">
      <button type="button" data-testid="print-slip" disabled={busy} onClick={() => void open()}>
        {busy ? t('slip.loading') : t('slip.print')}
      </button>
      {failure !== null && (
        <span className="form-error" role="alert">
          {message}
        </span>
      )}
    </span>
  );
}
