import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { LiveProvider } from '../api/live';
import { homeFor } from '../auth/home';
import { LoginPage } from '../auth/LoginPage';
import { SessionProvider, useSession } from '../auth/session';
import { Loading } from '../ui/states';
import { Layout } from './Layout';

// Pages load on demand: the referral pages stay small, charts and video come only when used.
const MyReferralsPage = lazy(() => import('../referrals/MyReferralsPage'));
const NewReferralPage = lazy(() => import('../referrals/NewReferralPage'));
const ReferralDetailPage = lazy(() => import('../referrals/ReferralDetailPage'));
const WorklistPage = lazy(() => import('../worklist/WorklistPage'));
const CheckInPage = lazy(() => import('../checkin/CheckInPage'));
const ConsultationsPage = lazy(() => import('../consultations/ConsultationsPage'));
const RequestConsultationPage = lazy(() => import('../consultations/RequestConsultationPage'));
const ConsultationPage = lazy(() => import('../consultations/ConsultationPage'));
const ConsultRoomPage = lazy(() => import('../consult/ConsultRoomPage'));
const DiagnosisListPage = lazy(() => import('../diagnosis/DiagnosisListPage'));
const RequestDiagnosisPage = lazy(() => import('../diagnosis/RequestDiagnosisPage'));
const DiagnosisPage = lazy(() => import('../diagnosis/DiagnosisPage'));
const DiagnosisStatsPage = lazy(() => import('../diagnosis/DiagnosisStatsPage'));
const DashboardPage = lazy(() => import('../dashboard/DashboardPage'));
const PasswordPage = lazy(() => import('../account/PasswordPage'));
const UsersAdminPage = lazy(() => import('../admin/UsersAdminPage'));

function RequireSession({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  // A password an administrator reset is replaced before anything else (the API insists too).
  if (user.mustChangePassword && location.pathname !== '/account/password') {
    return <Navigate to="/account/password" replace />;
  }
  return children;
}

function Home() {
  const { user } = useSession();
  return <Navigate to={user ? homeFor(user.roles) : '/login'} replace />;
}

function Live({ children }: { children: ReactNode }) {
  const { token, user } = useSession();
  return (
    <LiveProvider token={token} userId={user?.id ?? null}>
      {children}
    </LiveProvider>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Live>
        <BrowserRouter>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireSession>
                    <Layout />
                  </RequireSession>
                }
              >
                <Route index element={<Home />} />
                <Route path="referrals" element={<MyReferralsPage />} />
                <Route path="referrals/new" element={<NewReferralPage />} />
                <Route path="referrals/:id" element={<ReferralDetailPage />} />
                <Route path="worklist" element={<WorklistPage />} />
                <Route path="check-in" element={<CheckInPage />} />
                <Route path="consultations" element={<ConsultationsPage />} />
                <Route path="consultations/new" element={<RequestConsultationPage />} />
                <Route path="consultations/:id" element={<ConsultationPage />} />
                <Route path="consult/:id" element={<ConsultRoomPage />} />
                <Route path="diagnosis/new" element={<RequestDiagnosisPage />} />
                <Route path="diagnosis/outgoing" element={<DiagnosisListPage box="outgoing" />} />
                <Route path="diagnosis/reading" element={<DiagnosisListPage box="incoming" />} />
                <Route path="diagnosis/stats" element={<DiagnosisStatsPage />} />
                <Route path="diagnosis/:id" element={<DiagnosisPage />} />
                <Route path="dashboard" element={<DashboardPage />} />
                <Route path="account/password" element={<PasswordPage />} />
                <Route path="admin/users" element={<UsersAdminPage />} />
              </Route>
              <Route path="*" element={<Home />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </Live>
    </SessionProvider>
  );
}
