// The RevCent log (an output channel with levels), every line redacted with the values stored in the keychain.
import { window, type Disposable, type LogOutputChannel } from 'vscode';
import { redactSecrets } from '../../server/src/send/redact';

export class RevcentLog implements Disposable {
  private readonly channel: LogOutputChannel = window.createOutputChannel('RevCent', { log: true });
  private hidden: readonly string[] = [];

  /** The values no line may show: the keys and secrets stored, kept current by the keychain's owner. */
  setHidden(values: readonly string[]): void {
    this.hidden = values;
  }

  info(text: string): void {
    this.channel.info(redactSecrets(text, this.hidden));
  }

  warn(text: string): void {
    this.channel.warn(redactSecrets(text, this.hidden));
  }

  error(text: string): void {
    this.channel.error(redactSecrets(text, this.hidden));
  }

  dispose(): void {
    this.channel.dispose();
  }
}
