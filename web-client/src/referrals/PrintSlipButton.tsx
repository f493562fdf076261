// Opens the printable 双向转诊单 (PDF) in a new tab. The tab is opened at the click, before the
// download, so popup blockers let it through; the PDF is fetched with the token and shown from
// an object URL.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchBlob } from '../api/client';
import { useErrorMessage } from '../ui/states';

export function PrintSlipButton({ referralId }: { referralId: string }) {
  const { t } = useTranslation('referrals');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const message = useErrorMessage(failure);

  const open = async () => {
    setFailure(null);
    setBusy(true);
    const tab = window.open('', '_blank');
    if (tab) tab.document.body.textContent = t('slip.loading');
    try {
      const blob = await fetchBlob(`/api/referrals/${encodeURIComponent(referralId)}/slip.pdf`);
      const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
      if (tab) tab.location.href = url;
      else window.location.assign(url);
      // Long enough for the viewer to read it; the tab keeps its own copy afterwards.
      setTimeout(() => URL.revokeObjectURL(url), 120_000);
    } catch (err) {
      tab?.close();
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
