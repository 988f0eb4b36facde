import type { SearchHit } from '@im/sdk';
import { Alert, Drawer, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { describe } from '../describe';
import { convKey, type ChatStore } from '../store';
import { Highlight } from './Highlight';

/** `GET /search/messages`: the caller's own conversations, recalled messages excluded. */
export function SearchDrawer({ open, store, onClose }: { open: boolean; store: ChatStore; onClose: () => void }) {
  const [hits, setHits] = useState<{ total: number; hits: SearchHit[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const search = async (q: string) => {
    if (!q.trim()) return;
    setLoading(true);
    setError(null);
    try {
      setHits(await store.api.search({ q: q.trim(), page: 1, size: 50 }));
    } catch (e) {
      setError(describe(e));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Drawer open={open} onClose={onClose} title="Search my messages" width={420} rootClassName="search-drawer">
      <Input.Search aria-label="Search words" placeholder="Words to find" enterButton="Search" loading={loading} onSearch={search} autoFocus />
      {error && <Alert role="alert" type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      {hits && (
        <List style={{ marginTop: 12 }} header={<Typography.Text aria-live="polite">{hits.total} found</Typography.Text>} dataSource={hits.hits}
          renderItem={(h) => (
            <List.Item className="search-hit" style={{ cursor: 'pointer' }} tabIndex={0}
              onClick={() => { store.open(convKey(h.convType, h.convId)); onClose(); }}
              onKeyDown={(e) => { if (e.key === 'Enter') { store.open(convKey(h.convType, h.convId)); onClose(); } }}>
              <List.Item.Meta title={`${store.name(h.fromUserId)} · ${new Date(h.sendTime).toLocaleString()}`} description={<Highlight html={h.highlight || h.text} />} />
            </List.Item>
          )} />
      )}
    </Drawer>
  );
}
