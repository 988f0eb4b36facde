import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { api, describe, remember } from '../api';

export function Login({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { tenantCode: string; account: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const a = await api.login(v.tenantCode.trim(), v.account.trim(), v.password);
      remember(a.token);
      onDone();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main style={{ display: 'flex', justifyContent: 'center', paddingTop: '10vh' }}>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>Sign in to the admin console</h1>} style={{ width: 380, maxWidth: '95vw' }}>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="Tenant code" name="tenantCode" rules={[{ required: true, message: 'Enter the tenant code' }]}>
            <Input autoComplete="organization" autoFocus />
          </Form.Item>
          <Form.Item label="Account" name="account" rules={[{ required: true, message: 'Enter your account' }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item label="Password" name="password" rules={[{ required: true, message: 'Enter your password' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert role="alert" type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={busy} block>Sign in</Button>
        </Form>
      </Card>
    </main>
  );
}
