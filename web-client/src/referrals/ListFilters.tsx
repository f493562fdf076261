import { useTranslation } from 'react-i18next';

interface Props {
  /** Prefix of the controls' ids (labels point at them). */
  idPrefix: string;
  select: {
    label: string;
    testId: string;
    value: string;
    onChange: (value: string) => void;
    /** The "no filter" choice. */
    allLabel: string;
    options: { value: string; label: string }[];
  };
  search: { testId: string; value: string; onChange: (value: string) => void };
  /** A refresh is running while rows are shown. */
  loading: boolean;
}

/** One choice filter and a text search above a referral list (my referrals, the worklist). */
export function ListFilters({ idPrefix, select, search, loading }: Props) {
  const { t } = useTranslation('referrals');
  return (
    <div className="row filters" role="search">
      <label className="inline" htmlFor={`${idPrefix}-filter`}>
        {select.label}
      </label>
      <select
        id={`${idPrefix}-filter`}
        data-testid={select.testId}
        value={select.value}
        onChange={(e) => select.onChange(e.target.value)}
      >
        <option value="">{select.allLabel}</option>
        {select.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <label className="inline" htmlFor={`${idPrefix}-search`}>
        {t('filters.search')}
      </label>
      <input
        id={`${idPrefix}-search`}
        data-testid={search.testId}
        type="search"
        className="search"
        placeholder={t('filters.searchHint')}
        value={search.value}
        onChange={(e) => search.onChange(e.target.value)}
      />
      {loading && <span className="muted">{t('common:state.loading')}</span>}
    </div>
  );
}
