// The viewer's toolbar: the left-button tool, CT window presets, reset and clearing measurements.
import { useTranslation } from 'react-i18next';
import { CT_PRESETS, presetsApply, type PresetId } from './presets';
import type { StackController } from './stackController';
import { PRIMARY_TOOLS, type PrimaryTool } from './toolNames';

interface Props {
  controller: StackController | null;
  tool: PrimaryTool;
  onTool: (tool: PrimaryTool) => void;
  /** Modality of the series shown (presets only for CT). */
  modality: string | null;
  activePreset: PresetId | null;
}

export function ViewerToolbar({ controller, tool, onTool, modality, activePreset }: Props) {
  const { t } = useTranslation('viewer');
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label={t('tools.label')}>
      {PRIMARY_TOOLS.map((name) => (
        <button
          key={name}
          type="button"
          data-testid={`viewer-tool-${name}`}
          aria-pressed={tool === name}
          onClick={() => onTool(name)}
        >
          {t(`tools.${name}`)}
        </button>
      ))}
      {presetsApply(modality) && (
        <span className="viewer-presets" role="group" aria-label={t('presets.label')}>
          {CT_PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              data-testid={`viewer-preset-${p.id}`}
              aria-pressed={activePreset === p.id}
              onClick={() => controller?.setWindow(p)}
            >
              {t(`presets.${p.id}`)}
            </button>
          ))}
        </span>
      )}
      <span className="spacer" />
      <button type="button" data-testid="viewer-reset" onClick={() => controller?.reset()}>
        {t('reset')}
      </button>
      <button type="button" data-testid="viewer-clear" onClick={() => controller?.clearMeasurements()}>
        {t('clearMeasurements')}
      </button>
    </div>
  );
}
