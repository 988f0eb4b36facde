export { describeError as describe } from '@im/sdk';
