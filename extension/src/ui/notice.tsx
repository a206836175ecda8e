import type { ComponentChildren } from 'preact';

export interface NoticeProps {
  readonly title: string;
  readonly children?: ComponentChildren;
  /** Something is under way (waiting, retrying): shows a quiet spinner and announces politely. */
  readonly busy?: boolean;
  readonly tone?: 'calm' | 'warning' | 'error';
}

/** A calm full-width message for states in place of content: waiting, unreachable, refused, empty. */
export function Notice({ title, children, busy = false, tone = 'calm' }: NoticeProps) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'} aria-busy={busy}>
      <p class="notice-title">
        {busy && <span class="spinner" aria-hidden="true" />}
        {title}
      </p>
      {children && <p class="notice-body">{children}</p>}
    </div>
  );
}
