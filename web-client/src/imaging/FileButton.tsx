// A button that opens the browser's file (or folder) picker.
import './imaging.css';

/** `webkitdirectory` is not in React's typings; every browser we support understands it. */
const pickFolder = (el: HTMLInputElement | null) => el?.setAttribute('webkitdirectory', '');

export function FileButton({
  label,
  testId,
  folder = false,
  disabled,
  onFiles,
}: {
  label: string;
  testId: string;
  folder?: boolean;
  disabled: boolean;
  onFiles: (files: FileList | null) => void;
}) {
  return (
    <label className="file-button">
      {label}
      <input
        ref={folder ? pickFolder : undefined}
        type="file"
        multiple
        data-testid={testId}
        disabled={disabled}
        onChange={(e) => {
          onFiles(e.target.files);
          // The same folder chosen again is a new upload.
          e.target.value = '';
        }}
      />
    </label>
  );
}
