// Attaching images: find the patient's studies in the institution's own PACS and attach one, or
// (a clinic without a PACS) upload a DICOM folder to the region's archive and attach what it held.
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorState } from '../ui/states';
import { useAction } from '../ui/useAction';
import { attachStudy, searchOwnPacs, type PacsMatch, type PatientKey } from './api';
import { FileButton } from './FileButton';
import { PacsResults } from './PacsResults';
import { isDicomFile, uploadDicomFiles, type UploadProgress } from './upload';
import './imaging.css';

export function AttachStudy({
  attachUrl,
  attachedUids,
  onAttached,
}: {
  attachUrl: string;
  /** Studies already shared here (shown as attached in the search results). */
  attachedUids: ReadonlySet<string>;
  onAttached: () => void;
}) {
  const { t } = useTranslation('imaging');
  const [key, setKey] = useState<PatientKey>('PatientName');
  const [value, setValue] = useState('');
  const [matches, setMatches] = useState<PacsMatch[] | null>(null);
  const action = useAction();
  const { busy, failure: error } = action;
  const [notice, setNotice] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);

  const run = (work: () => Promise<void>) => {
    setNotice(null);
    return action.run(async () => {
      try {
        await work();
      } finally {
        setProgress(null);
      }
    });
  };

  const search = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    void run(async () => {
      try {
        setMatches(await searchOwnPacs(key, value.trim()));
      } catch (err) {
        // The bridge answers 404 when the institution has no PACS of its own (or the term is too short).
        if (!(err instanceof ApiError && err.status === 404)) throw err;
        setMatches(null);
        setNotice(t('attach.noPacs'));
      }
    });
  };

  const attach = (uid: string) =>
    run(async () => {
      await attachStudy(attachUrl, uid);
      onAttached();
    });

  const upload = (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (files.length === 0) return;
    void run(async () => {
      const dicom: File[] = [];
      for (const f of files) if (await isDicomFile(f)) dicom.push(f);
      if (dicom.length === 0) {
        setNotice(t('upload.noFiles'));
        return;
      }
      const result = await uploadDicomFiles(dicom, setProgress);
      for (const uid of result.studyInstanceUids) await attachStudy(attachUrl, uid);
      onAttached();
      setNotice(
        [
          t('upload.done', { stored: result.stored, studies: result.studyInstanceUids.length }),
          result.failed > 0 ? t('upload.failed', { count: result.failed }) : null,
          files.length > dicom.length ? t('upload.skipped', { count: files.length - dicom.length }) : null,
        ]
          .filter(Boolean)
          .join(' '),
      );
    });
  };

  return (
    <details className="attach-study" data-testid="attach-study">
      <summary data-testid="attach-study-toggle">{t('attach.open')}</summary>
      <form className="row attach-search" onSubmit={search}>
        <select
          aria-label={t('attach.keyLabel')}
          data-testid="attach-search-key"
          value={key}
          onChange={(e) => setKey(e.target.value as PatientKey)}
        >
          <option value="PatientName">{t('attach.byName')}</option>
          <option value="PatientID">{t('attach.byId')}</option>
        </select>
        <input
          type="search"
          data-testid="attach-search-input"
          aria-label={t('attach.searchLabel')}
          placeholder={key === 'PatientName' ? t('attach.nameHint') : t('attach.idHint')}
          value={value}
          minLength={2}
          required
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" data-testid="attach-search-submit" disabled={busy}>
          {t('attach.search')}
        </button>
      </form>
      {matches && matches.length === 0 && <p className="muted">{t('attach.none')}</p>}
      {matches && matches.length > 0 && (
        <PacsResults
          matches={matches}
          attachedUids={attachedUids}
          busy={busy}
          onAttach={(uid) => void attach(uid)}
        />
      )}
      <div className="row attach-upload">
        <span>{t('upload.label')}</span>
        <FileButton
          label={t('upload.folder')}
          testId="upload-folder"
          folder
          disabled={busy}
          onFiles={upload}
        />
        <FileButton label={t('upload.files')} testId="upload-files" disabled={busy} onFiles={upload} />
      </div>
      {progress && (
        <p role="status" data-testid="upload-progress">
          {t('upload.progress', { ...progress })}
        </p>
      )}
      {notice && (
        <p role="status" data-testid="attach-notice">
          {notice}
        </p>
      )}
      {error !== null && <ErrorState error={error} />}
    </details>
  );
}
