import { ApartmentOutlined, DashboardOutlined, EyeOutlined, SearchOutlined, TeamOutlined, WalletOutlined } from '@ant-design/icons';
import { App, Button, Layout, Menu, Typography } from 'antd';
import { useState } from 'react';
import { api, describe, remember } from './api';
import { Login } from './pages/Login';
import { Departments } from './pages/Departments';
import { Visibility } from './pages/Visibility';
import { Groups } from './pages/Groups';
import { ComplianceSearch } from './pages/ComplianceSearch';
import { Dashboard } from './pages/Dashboard';
import { Wallet } from './pages/Wallet';

type Page = 'org' | 'visibility' | 'groups' | 'search' | 'wallet' | 'dashboard';

const PAGES: { key: Page; label: string; icon: React.ReactNode }[] = [
  { key: 'org', label: 'Departments & employees', icon: <ApartmentOutlined /> },
  { key: 'visibility', label: 'Visibility', icon: <EyeOutlined /> },
  { key: 'groups', label: 'Groups', icon: <TeamOutlined /> },
  { key: 'search', label: 'Compliance search', icon: <SearchOutlined /> },
  { key: 'wallet', label: 'Wallet top-ups', icon: <WalletOutlined /> },
  { key: 'dashboard', label: 'Dashboard', icon: <DashboardOutlined /> },
];

export function Console() {
  const { message } = App.useApp();
  const [signedIn, setSignedIn] = useState(!!api.token);
  const [page, setPage] = useState<Page>('org');
  if (!signedIn) return <Login onDone={() => setSignedIn(true)} />;
  const logout = async () => {
    try {
      await api.logout();
    } catch (e) {
      message.warning(`Signed out here; the server said: ${describe(e)}`);
    }
    remember(null);
    setSignedIn(false);
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="md" collapsedWidth={0} width={230} theme="light">
        <Typography.Title level={1} style={{ fontSize: 18, padding: '16px 16px 0' }}>IM admin console</Typography.Title>
        <nav aria-label="Console sections">
          <Menu mode="inline" selectedKeys={[page]} onClick={(e) => setPage(e.key as Page)}
            items={PAGES.map((p) => ({ key: p.key, label: p.label, icon: p.icon }))} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', padding: '0 16px' }}>
          <Button onClick={logout}>Sign out</Button>
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }} role="main">
          {page === 'org' && <Departments />}
          {page === 'visibility' && <Visibility />}
          {page === 'groups' && <Groups />}
          {page === 'search' && <ComplianceSearch />}
          {page === 'wallet' && <Wallet />}
          {page === 'dashboard' && <Dashboard />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
