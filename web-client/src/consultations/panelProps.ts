import type { Consultation } from '@tiered-care/common';

/** What every panel of a consultation's page takes: the consultation and a call to reload it after a change. */
export interface PanelProps<C extends Consultation = Consultation> {
  consultation: C;
  onChanged: () => void;
}
