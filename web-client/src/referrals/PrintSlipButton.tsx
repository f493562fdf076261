// Opens the printable 双向转诊单 (PDF) in a new tab, with a loading line while it downloads.
import { useTranslation } from 'react-i18next';
import { openPdf } from '../ui/openPdf';
import { useErrorMessage } from '../ui/states';
import { useAction } from '../ui/useAction';

export function PrintSlipButton({ referralId }: { referralId: string }) {
  const { t } = useTranslation('referrals');
  const { busy, failure, run } = useAction();
  const message = useErrorMessage(failure);

  const open = () =>
    run(() => openPdf(`/api/referrals/${encodeURIComponent(referralId)}/slip.pdf`, t('slip.loading')));

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
