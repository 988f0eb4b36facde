import { ApiError } from '@im/sdk';
import { Alert, App, Button, Card, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { api, describe } from '../api';

/** `POST /admin/wallet/topup` (issue 15's red packets): shows the server's refusal, or that red packets are not deployed. */
export function Wallet() {
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { userId: string; yuan: number }) => {
    setError(null);
    try {
      await api.call('POST', '/admin/wallet/topup', { userId: v.userId.trim(), amount: Math.round(v.yuan * 100) });
      message.success('Top-up booked');
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? 'Red packets are not deployed on this server yet (the top-up route answered 404); nothing was booked.' : describe(e));
    }
  };
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Wallet top-ups</h2>} style={{ maxWidth: 520 }}>
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label="Employee id" name="userId" rules={[{ required: true, pattern: /^\d+$/, message: 'Enter the employee id (digits)' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="Amount (yuan)" name="yuan" rules={[{ required: true, type: 'number', min: 0.01, message: 'At least 0.01' }]}>
          <InputNumber min={0.01} step={1} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        {error && <Alert role="alert" type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit">Top up</Button>
      </Form>
    </Card>
  );
}
