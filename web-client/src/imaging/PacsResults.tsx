// The studies the institution's PACS found for the search, each with "attach" (or "attached").
import { useTranslation } from 'react-i18next';
import { Table } from '../ui/Table';
import type { PacsMatch } from './api';
import { dicomDate } from './selection';
import './imaging.css';

interface Props {
  matches: PacsMatch[];
  attachedUids: ReadonlySet<string>;
  busy: boolean;
  onAttach: (studyInstanceUid: string) => void;
}

export function PacsResults({ matches, attachedUids, busy, onAttach }: Props) {
  const { t } = useTranslation('imaging');
  return (
    <Table
      className="attach-results"
      headings={[t('attach.patient'), t('attach.date'), t('attach.modality'), t('attach.description'), null]}
    >
      {matches.map((m) => (
        <tr key={m.studyInstanceUid} data-testid="attach-result" data-study-uid={m.studyInstanceUid}>
          <td>
            {m.patientName} <span className="muted">{m.patientId}</span>
          </td>
          <td>{dicomDate(m.studyDate) ?? '—'}</td>
          <td>{m.modalities.join(' ')}</td>
          <td>{m.description}</td>
          <td>
            {attachedUids.has(m.studyInstanceUid) ? (
              <span className="muted">{t('attach.attached')}</span>
            ) : (
              <button
                type="button"
                data-testid="attach-result-add"
                disabled={busy}
                onClick={() => onAttach(m.studyInstanceUid)}
              >
                {t('attach.add')}
              </button>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
