import { App as AntApp, ConfigProvider } from 'antd';
import { createRoot } from 'react-dom/client';
import { Client } from './Client';
import './app.css';

createRoot(document.getElementById('root')!).render(
  <ConfigProvider theme={{ token: { colorPrimary: '#1456c4', fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' } }}>
    <AntApp>
      <Client />
    </AntApp>
  </ConfigProvider>,
);
