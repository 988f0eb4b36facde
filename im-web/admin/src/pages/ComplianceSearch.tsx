import type { SearchHit, SearchQuery } from '@im/sdk';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, describe } from '../api';
import { Highlight } from '../Highlight';

interface Filters {
  q: string;
  convType?: 'SINGLE' | 'GROUP';
  convId?: string;
  fromUserId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const SIZE = 20;

/** `GET /admin/search/messages` over the whole tenant's archive (recalled messages included and marked); the server audits every search. */
export function ComplianceSearch() {
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<SearchQuery | null>(null);
  const [result, setResult] = useState<{ total: number; hits: SearchHit[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const run = async (q: SearchQuery) => {
    setLoading(true);
    setError(null);
    try {
      setResult(await api.adminSearch(q));
      setQuery(q);
    } catch (e) {
      setError(describe(e));
    } finally {
      setLoading(false);
    }
  };

  const submit = (v: Filters) => run({
    q: v.q.trim(), convType: v.convType, convId: v.convId?.trim() || undefined, fromUserId: v.fromUserId?.trim() || undefined,
    from: v.range?.[0]?.valueOf(), to: v.range?.[1]?.valueOf(), page: 1, size: SIZE,
  });

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Compliance search</h2>}>
      <Typography.Paragraph type="secondary">Every search is written to the audit log with your account.</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 900 }}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: '0 12px' }}>
          <Form.Item label="Words" name="q" rules={[{ required: true, whitespace: true, message: 'Enter what to search for' }, { max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item label="Conversation type" name="convType">
            <Select allowClear options={[{ value: 'SINGLE', label: 'Single chat' }, { value: 'GROUP', label: 'Group' }]} />
          </Form.Item>
          <Form.Item label="Conversation id (with type)" name="convId">
            <Input />
          </Form.Item>
          <Form.Item label="Sender id" name="fromUserId">
            <Input />
          </Form.Item>
          <Form.Item label="Time range" name="range">
            <DatePicker.RangePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" loading={loading}>Search</Button>
      </Form>
      {error && <Alert role="alert" type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      {result && (
        <Table<SearchHit> style={{ marginTop: 16 }} rowKey="msgId" size="small" dataSource={result.hits} loading={loading} scroll={{ x: 720 }}
          aria-label="Search results"
          pagination={{ current: query?.page ?? 1, pageSize: SIZE, total: Math.min(result.total, 10_000), showSizeChanger: false,
            onChange: (p) => query && void run({ ...query, page: p }) }}
          locale={{ emptyText: 'No message matches' }}
          columns={[
            { title: 'Time', dataIndex: 'sendTime', width: 170, render: (t: number) => new Date(t).toLocaleString() },
            { title: 'Conversation', key: 'c', width: 190, render: (_, h) => `${h.convType === 'GROUP' ? 'Group' : 'Single'} ${h.convId}` },
            { title: 'Sender', dataIndex: 'fromUserId', width: 170 },
            { title: 'Message', key: 'm', render: (_, h) => (
              <span className="hit">{h.recalled && <Tag color="orange">recalled</Tag>}<Highlight html={h.highlight || h.text} /></span>
            ) },
          ]} />
      )}
      {result && <Typography.Text aria-live="polite">{result.total} matching messages</Typography.Text>}
    </Card>
  );
}
