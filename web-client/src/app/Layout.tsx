import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { useLive } from '../api/live';
import { useSession } from '../auth/session';
import { DiagnosisNotice } from '../diagnosis/DiagnosisNotice';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { NAV } from './nav';
import './layout.css';

export function Layout() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const { unseen, markSeen, connected, socket } = useLive();
  if (!user) return null;
  const items = NAV.filter((n) => n.roles.some((r) => user.roles.includes(r)));
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('appName')}</span>
        <nav aria-label="main">
          {items.map((n) => (
            <NavLink key={n.page} to={n.path} end data-testid={`nav-${n.page}`}>
              {t(n.label)}
            </NavLink>
          ))}
        </nav>
        <span className="spacer" />
        <button
          type="button"
          className="badge-button"
          onClick={markSeen}
          title={t('nav.notifications')}
          aria-label={t('nav.notifications')}
        >
          {/* An inline icon: office PCs often have no colour-emoji font. */}
          <svg
            width="18"
            height="18"
            viewBox="0 0 24 24"
            aria-hidden="true"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
          >
            <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
            <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
          </svg>
          <span className="badge" data-testid="notification-badge" data-count={unseen} hidden={unseen === 0}>
            {unseen}
          </span>
        </button>
        <span className="who">
          {user.institution?.name ?? t('roles.regional_admin')} · {user.displayName}
        </span>
        <LanguageSwitch />
        <Link to="/account/password" data-testid="nav-password">
          {t('account.link')}
        </Link>
        <button type="button" data-testid="sign-out" onClick={signOut}>
          {t('nav.signOut')}
        </button>
      </header>
      {socket && !connected && (
        <div className="banner" role="status">
          {t('state.offline')}
        </div>
      )}
      <main className="content">
        <Outlet />
      </main>
      <DiagnosisNotice />
    </div>
  );
}
