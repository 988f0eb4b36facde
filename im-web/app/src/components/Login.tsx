import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { describe } from '../describe';
import type { ChatStore } from '../store';

export function Login({ store, onDone }: { store: ChatStore; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { tenantCode: string; account: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await store.login(v.tenantCode.trim(), v.account.trim(), v.password, window.matchMedia('(max-width: 767px)').matches);
      onDone();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main style={{ display: 'flex', justifyContent: 'center', padding: '10vh 12px 0' }}>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>Sign in</h1>} style={{ width: 380, maxWidth: '100%' }}>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="Company code" name="tenantCode" rules={[{ required: true, message: 'Enter your company code' }]}>
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
