/**
 * The send path: ordering lanes that write new messages in batches (group commit). A conversation
 * hashes to one lane of a node; {@link im.logic.lane.ConvLocks} keeps nodes apart per conversation,
 * taken for a whole batch in one round trip; {@link im.logic.lane.BatchWriter} shares one seq script
 * and two transactions per physical database across the batch. Senders are answered only after
 * their batch is durable; pushes and events follow off the lane.
 */
package im.logic.lane;
