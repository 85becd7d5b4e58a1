import { describe, expect, it } from 'vitest';
import { messageViews } from './viewModel';

describe('messageViews', () => {
  it('keeps the wire timing and applies the lab wording and colour', () => {
    // Arrange
    const flights = [
      { msgId: 3, from: 'A', to: 'B', sent: 10, arrive: 25, msg: { type: 'ping' }, doomed: false },
      { msgId: 4, from: 'B', to: 'A', sent: 12, arrive: 30, msg: { type: 'pong' }, doomed: true },
    ];
    // Act
    const views = messageViews(flights, (m) => `${m.msg.type} ${m.from}→${m.to}`, (m) => (m.doomed ? 'bad' : undefined));
    // Assert
    expect(views).toEqual([
      { id: 3, from: 'A', to: 'B', sentAt: 10, deliverAt: 25, label: 'ping A→B', tone: undefined },
      { id: 4, from: 'B', to: 'A', sentAt: 12, deliverAt: 30, label: 'pong B→A', tone: 'bad' },
    ]);
  });
});
