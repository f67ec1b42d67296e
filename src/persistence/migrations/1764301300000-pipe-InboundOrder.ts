import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each person's inputs are processed in the order they were written, not the order they arrived:
 * `order_at` (WeCom CreateTime / kf send_time / a timer's due time, epoch ms) and `order_key` (the
 * MsgId, zero-padded so text order is number order). Rows stored before get their arrival time.
 */
export class PipeInboundOrder1764301300000 implements MigrationInterface {
  name = 'PipeInboundOrder1764301300000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('inbound_message', new TableColumn({ name: 'order_at', type: 'bigint', isNullable: false, default: 0 }));
    await qr.addColumn('inbound_message', new TableColumn({ name: 'order_key', type: 'varchar', length: '32', isNullable: false, default: "''" }));
    await qr.query('UPDATE `inbound_message` SET `order_at` = `received_at`');
    await qr.createIndex('inbound_message', new TableIndex({ name: 'ix_inbound_message_lane_order', columnNames: ['channel', 'sender', 'status', 'order_at'] }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('inbound_message', 'ix_inbound_message_lane_order');
    await qr.dropColumn('inbound_message', 'order_key');
    await qr.dropColumn('inbound_message', 'order_at');
  }
}
