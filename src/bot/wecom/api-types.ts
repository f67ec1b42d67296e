/**
 * The WeCom server API as the bot uses it. `src/bot/wecom/api.ts` implements it over HTTP
 * (against WeCom, or the fake WeCom in tests and sandbox mode).
 * Field names inside request/response bodies are WeCom's own (snake_case).
 */

export class WeComApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
  ) {
    super(`${api}: errcode ${errcode} ${errmsg}`);
    this.name = 'WeComApiError';
  }
}

/**
 * The request may or may not have reached WeCom (network error, timeout, HTTP 5xx, unreadable
 * answer). A send that ends like this is *uncertain*: resend only idempotently.
 */
export class WeComTransportError extends Error {
  constructor(
    readonly api: string,
    message: string,
  ) {
    super(`${api}: ${message}`);
    this.name = 'WeComTransportError';
  }
}

/**
 * The errcodes the bot acts on (WeCom's global error code list; 95xxx are 微信客服's).
 * Everything else is reported as a `WeComApiError` with WeCom's own errcode and errmsg.
 */
export const WeComErrcode = {
  busy: -1,
  invalidSecret: 40001,
  invalidFileSize: 40006,
  invalidMediaId: 40007,
  invalidImageSize: 40009,
  invalidAccessToken: 40014,
  invalidParameter: 40035,
  invalidArgument: 40058,
  accessTokenExpired: 42001,
  suiteTokenExpired: 42009,
  contentTooLong: 45002,
  frequencyLimit: 45009,
  concurrencyLimit: 45033,
  apiForbidden: 48002,
  kfSendCountLimit: 95001,
  kfInvalidOpenKfid: 95004,
  kfInvalidMsgToken: 95007,
  kfConversationEnd: 95013,
  kfStateTransitionRefused: 95016,
  kfSessionStatusInvalid: 95018,
  invalidWelcomeCode: 41050,
} as const;

/** Body of `message/send` without `agentid` (the client adds it). */
export type AppMessageBody = {
  touser: string;
  enable_duplicate_check?: 0 | 1;
  duplicate_check_interval?: number;
} & (
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'file'; file: { media_id: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'template_card'; template_card: Record<string, unknown> }
);

export interface SendResult {
  invaliduser?: string;
  msgid?: string;
  response_code?: string;
}

/** One message of `kf/sync_msg`. origin: 3 farmer, 4 system event, 5 servicer. */
export interface KfMessage {
  msgid: string;
  open_kfid: string;
  external_userid?: string;
  send_time: number;
  origin: number;
  msgtype: string;
  text?: { content: string; menu_id?: string };
  event?: {
    event_type: string;
    open_kfid?: string;
    external_userid?: string;
    scene?: string;
    scene_param?: string;
    welcome_code?: string;
    fail_msgid?: string;
    fail_type?: number;
  };
  [other: string]: unknown;
}

export interface KfSyncResult {
  next_cursor: string;
  has_more: 0 | 1;
  msg_list: KfMessage[];
}

/** Body of `kf/send_msg` / `kf/send_msg_on_event` message part. */
export type KfMessageBody =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'msgmenu'; msgmenu: { head_content?: string; list: Array<{ type: 'click'; click: { id: string; content: string } }>; tail_content?: string } }
  | { msgtype: 'file'; file: { media_id: string } }
  | { msgtype: 'image'; image: { media_id: string } };

/** A media file fetched with `media/get` (a file a user sent in the app, media ids live 3 days). */
export interface MediaFile {
  /** From the answer's Content-disposition, when it names one. */
  fileName: string | null;
  contentType: string;
  content: Buffer;
}

export interface WeComApi {
  /** `message/send` (the internal app). */
  sendMessage(body: AppMessageBody): Promise<SendResult>;
  /**
   * `media/upload?type=file|image`; media ids live 3 days. `via` picks the secret whose token
   * uploads (the kf secret for media sent to farmers); default the app's.
   */
  uploadMedia(type: 'file' | 'image', fileName: string, content: Buffer, via?: 'app' | 'kf'): Promise<{ media_id: string; created_at: string }>;
  /**
   * `media/get`: the bytes of a media id (GET; WeCom answers the file itself with Content-Type and
   * Content-disposition, or a JSON errcode such as 40007 for an unknown or expired id).
   */
  getMedia(mediaId: string): Promise<MediaFile>;
  /** `message/update_template_card` with a card's single-use response_code. */
  updateTemplateCard(body: { userids: string[]; response_code: string; button: { replace_name: string } }): Promise<void>;
  /** `kf/sync_msg`. */
  kfSyncMsg(req: { cursor?: string; token?: string; limit?: number; open_kfid: string }): Promise<KfSyncResult>;
  /** `kf/send_msg`; `msgid` (≤ 32 bytes) is an idempotency key. */
  kfSendMsg(req: { touser: string; open_kfid: string; msgid?: string } & KfMessageBody): Promise<{ msgid: string }>;
  /** `kf/send_msg_on_event` with a welcome_code (once, within 20 s). */
  kfSendMsgOnEvent(req: { code: string; msgid?: string } & KfMessageBody): Promise<{ msgid: string }>;
  /** `kf/service_state/trans`. */
  kfServiceStateTrans(req: { open_kfid: string; external_userid: string; service_state: number; servicer_userid?: string }): Promise<{ msg_code?: string }>;
}
