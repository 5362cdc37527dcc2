//! Every visible string, in English and Korean. AWS API names (`SendMessage`,
//! `VisibilityTimeout`, …) stay English in both; the Korean words follow the study notes
//! (대기열, 주제, 구독, 생산자, 소비자, 가시성 시간 초과, 데스레터 대기열, 샤드, 파티션 키, 보존기간).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub fn parse(s: &str) -> Lang {
        if s.eq_ignore_ascii_case("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
}

/// (key, English, Korean)
const CATALOG: &[(&str, &str, &str)] = &[
    ("app.title", "Decouple Lab", "Decouple Lab"),
    ("app.tagline", "SQS · SNS · Kinesis · Firehose, simulated", "SQS · SNS · Kinesis · Firehose 시뮬레이터"),
    ("lang.toggle", "한국어", "English"),
    ("time.play", "Play", "재생"),
    ("time.pause", "Pause", "일시 정지"),
    ("time.step", "Step 1 s", "1초 진행"),
    ("time.next", "Jump to next event", "다음 이벤트로 이동"),
    ("time.speed", "Speed", "속도"),
    ("time.clock", "Virtual clock", "가상 시계"),
    ("time.scrub", "History", "기록"),
    ("time.live", "live", "현재"),
    ("time.past", "viewing the past", "과거 보기"),
    (
        "time.nothing_next",
        "Nothing is scheduled: no message, timer or delivery is waiting, so there is no next event until you send, publish or put something.",
        "예약된 일이 없습니다: 기다리는 메시지, 타이머, 전달이 없으므로 무언가를 보내거나 게시하거나 넣기 전까지 다음 이벤트가 없습니다.",
    ),
    (
        "time.paused_hint",
        "Time is paused — press Play or Step to see what happens next.",
        "시간이 멈춰 있습니다 — 다음에 일어날 일을 보려면 재생 또는 1초 진행을 누르세요.",
    ),
    (
        "scenario.edited",
        "Edited: Load scenario applies these lines; Reset starts an empty scenario.",
        "편집됨: '시나리오 불러오기'로 이 줄들을 적용하고, '초기화'로 빈 시나리오를 시작합니다.",
    ),
    ("panel.create", "Create", "생성"),
    ("panel.act", "Act", "실행"),
    ("panel.inspector", "Inspector", "검사기"),
    ("panel.log", "Event log", "이벤트 로그"),
    ("panel.why", "Why?", "왜?"),
    ("panel.scenario", "Scenario", "시나리오"),
    ("panel.metrics", "Metrics", "지표"),
    ("panel.script", "Script", "스크립트"),
    ("script.run", "Run", "실행"),
    ("script.step", "Step", "한 줄 실행"),
    ("script.cursor", "Run to cursor", "커서까지 실행"),
    ("script.next_line", "next line", "다음 줄"),
    ("script.play", "Play script", "스크립트 재생"),
    ("script.examples", "Examples", "예제"),
    ("script.examples_pick", "Load an example…", "예제 불러오기…"),
    ("script.playing", "playing line", "재생 중인 줄"),
    ("script.done", "script finished", "스크립트 완료"),
    ("script.done_error", "script finished with {n} error", "스크립트 완료, 오류 {n}개"),
    ("script.done_errors", "script finished with {n} errors", "스크립트 완료, 오류 {n}개"),
    (
        "example.autoscaling",
        "SQS + CloudWatch alarm + Auto Scaling on queue depth",
        "SQS + CloudWatch 경보 + Auto Scaling: 대기열 길이에 따른 확장",
    ),
    (
        "example.fan-out",
        "Fan-out: one orders topic, a shipping queue and a fraud queue",
        "팬아웃: 주문 주제 하나, 배송 대기열과 사기 탐지 대기열",
    ),
    (
        "example.fifo-vs-kinesis",
        "Ordering per truck: SQS FIFO message groups vs Kinesis partition keys",
        "트럭별 순서: SQS FIFO 메시지 그룹 vs Kinesis 파티션 키",
    ),
    (
        "example.filter-policies",
        "Filter policies: by message attribute and by message body",
        "필터 정책: 메시지 속성 기준과 메시지 본문 기준",
    ),
    (
        "example.firehose-buffering",
        "Firehose buffering: Direct PUT to S3, flushed by the buffer interval",
        "Firehose 버퍼링: S3로 Direct PUT, 버퍼 간격마다 전송",
    ),
    (
        "example.kinesis-firehose-s3",
        "Kinesis → Firehose → S3, with buffering",
        "Kinesis → Firehose → S3, 버퍼링 포함",
    ),
    (
        "example.poison-message-dlq",
        "A poison message ends in the dead-letter queue, and is redriven back",
        "독성 메시지가 데스레터 대기열로 가고, 다시 원래 대기열로 재전송",
    ),
    (
        "example.queue-buffer",
        "The queue as a buffer in front of a database",
        "데이터베이스 앞의 버퍼로서의 대기열",
    ),
    ("example.resharding", "Resharding under load", "부하 중 리샤딩"),
    (
        "example.visibility-duplicates",
        "A visibility timeout shorter than the processing time causes duplicates",
        "처리 시간보다 짧은 가시성 시간 초과가 중복 처리를 일으킴",
    ),
    ("node.producer", "Producer", "생산자"),
    ("node.producer_sub", "you (clicks, scripts)", "나 (클릭, 스크립트)"),
    ("gate.filter", "filter", "필터"),
    ("gate.refused", "refused", "거부됨"),
    ("gate.pending", "pending", "확인 대기"),
    ("why.pending_title", "Waiting for confirmation", "확인 대기 중"),
    (
        "why.pending",
        "PendingConfirmation: SNS sent a SubscriptionConfirmation with a token to {endpoint}. Nothing is delivered until it is confirmed with ConfirmSubscription.",
        "PendingConfirmation: SNS가 {endpoint}(으)로 토큰이 담긴 SubscriptionConfirmation을 보냈습니다. ConfirmSubscription으로 확인하기 전까지는 아무것도 전송되지 않습니다.",
    ),
    (
        "filter.no_policy",
        "No filter policy: every publication is delivered to this endpoint.",
        "필터 정책 없음: 모든 게시 메시지가 이 엔드포인트로 전송됩니다.",
    ),
    ("why.failed", "Delivery failed", "전송 실패"),
    (
        "why.policy_denied",
        "The queue's Policy does not let sns.amazonaws.com send from this topic, so SNS drops the message (a client error is not retried). Allow it: Set attributes → PolicyForTopic, or subscribe with AllowInQueuePolicy.",
        "대기열의 Policy가 이 주제에서 sns.amazonaws.com의 전송을 허용하지 않아 SNS가 메시지를 버립니다(클라이언트 오류는 재시도하지 않음). 허용하려면: 속성 설정 → PolicyForTopic, 또는 AllowInQueuePolicy로 구독하세요.",
    ),
    ("why.retrying", "SNS retries it.", "SNS가 재시도합니다."),    ("canvas.label", "topology of the simulated cloud", "시뮬레이션된 클라우드의 구성도"),
    ("stream.positions", "readers", "읽는 소비자"),
    ("inspect.message", "Message", "메시지"),
    (
        "inspect.message_gone",
        "No longer in any queue: its life below says how it ended (deleted, purged, expired).",
        "더 이상 어떤 대기열에도 없습니다: 아래 생애에 어떻게 끝났는지(삭제, 비우기, 만료)가 나옵니다.",
    ),
    (
        "inspect.record_gone",
        "This record is no longer shown: its stream was deleted or it is older than the records kept on the canvas.",
        "이 레코드는 더 이상 표시되지 않습니다: 스트림이 삭제되었거나 캔버스에 남기는 레코드보다 오래되었습니다.",
    ),
    ("inspect.gone", "{name} no longer exists: it was deleted.", "{name}은(는) 더 이상 없습니다: 삭제되었습니다."),
    ("inspect.sns_body", "The SNS Message. SQS holds it inside SNS's JSON envelope (Type, MessageId, TopicArn, Message, …) unless the subscription has RawMessageDelivery; ReceiveMessage shows the body as stored.", "SNS 메시지(Message)입니다. 구독에 RawMessageDelivery가 없으면 SQS에는 SNS의 JSON 봉투(Type, MessageId, TopicArn, Message …) 안에 담겨 저장됩니다. ReceiveMessage는 저장된 본문을 보여 줍니다."),
    ("inspect.body", "Body", "본문"),
    ("inspect.record", "Record", "레코드"),
    ("inspect.subscription", "Subscription", "구독"),
    ("node.consumer", "Consumer", "소비자"),
    ("node.queue", "Queue", "대기열"),
    ("node.topic", "Topic", "주제"),
    ("node.stream", "Stream", "스트림"),
    ("node.firehose", "Firehose", "Firehose"),
    ("node.bucket", "S3 bucket", "S3 버킷"),
    ("node.function", "Lambda function", "Lambda 함수"),
    ("node.inbox", "Inbox", "수신함"),
    ("node.dlq", "dead-letter queue", "데스레터 대기열"),
    (
        "inspect.dlq_of",
        "Dead-letter queue of {src}: a message received more than maxReceiveCount ({max}) times there moves here.",
        "{src}의 데스레터 대기열: 그곳에서 maxReceiveCount({max})회를 넘게 수신된 메시지가 이리로 옮겨집니다.",
    ),
    ("q.waiting", "waiting", "대기 중"),
    ("q.inflight", "in flight", "처리 중"),
    ("q.delayed", "delayed", "지연"),
    ("form.set_attributes", "Set attributes", "속성 설정"),
    ("hint.AT_TIMESTAMP: epoch s or ISO 8601", "AT_TIMESTAMP: epoch s or ISO 8601", "AT_TIMESTAMP: epoch 초 또는 ISO 8601"),
    ("hint.http(s) URL, email, +phone", "http(s) URL, email, +phone", "http(s) URL, 이메일, +전화번호"),
    ("hint.midpoint if empty", "midpoint if empty", "비우면 중간값"),
    ("hint.built-in handler", "built-in handler", "내장 핸들러"),
    ("hint.Policy: sns.amazonaws.com → sqs:SendMessage, aws:SourceArn", "Policy: sns.amazonaws.com → sqs:SendMessage, aws:SourceArn", "Policy: sns.amazonaws.com → sqs:SendMessage 허용, aws:SourceArn = 주제"),
    ("table.title", "Table view (the topology as text)", "표 보기 (구성도를 텍스트로)"),
    ("table.empty", "Nothing created yet.", "아직 만든 것이 없습니다."),
    ("table.queues", "Queues", "대기열"),
    ("table.subscriptions", "Topics and subscriptions", "주제와 구독"),
    ("table.shards", "Kinesis shards", "Kinesis 샤드"),
    ("table.firehoses", "Firehose delivery streams", "Firehose 전송 스트림"),
    ("table.type", "Type", "유형"),
    ("table.waiting", "Waiting", "대기 중"),
    ("table.inflight", "In flight", "처리 중"),
    ("table.delayed", "Delayed", "지연됨"),
    ("table.state", "State", "상태"),
    ("table.readers", "Readers", "소비자"),
    ("table.records", "Records", "레코드"),
    ("fn.invocations_label", "Invocations", "호출"),
    ("table.objects", "S3 objects", "S3 객체"),
    (
        "readers.none",
        "No reader yet: Get shard iterator, then Get records.",
        "아직 읽는 소비자가 없습니다: 샤드 반복기를 얻은 뒤 레코드를 읽으세요.",
    ),
    ("readers.reader", "Reader", "소비자"),
    ("readers.position", "Read up to", "읽은 위치"),
    ("readers.read", "Records read", "읽은 레코드"),
    ("readers.ended", "shard closed and read to its end", "닫힌 샤드를 끝까지 읽음"),
    ("form.iterator", "Get shard iterator", "샤드 반복기 얻기"),
    ("form.get_records", "Get records", "레코드 읽기"),
    ("form.queue", "Create queue", "대기열 생성"),
    ("form.topic", "Create topic", "주제 생성"),
    ("form.subscribe", "Subscribe", "구독"),
    ("form.send", "Send message", "메시지 전송"),
    ("form.publish", "Publish", "게시"),
    ("form.receive", "Receive", "수신(폴링)"),
    ("form.delete", "Delete", "삭제"),
    ("form.delete_queue", "Delete queue", "대기열 삭제"),
    ("form.stream", "Create stream", "스트림 생성"),
    ("form.put", "Put record", "레코드 넣기"),
    ("form.split", "Split shard", "샤드 분할"),
    ("form.merge", "Merge shards", "샤드 병합"),
    ("form.firehose", "Create delivery stream", "전송 스트림 생성"),
    ("form.bucket", "Create bucket", "버킷 생성"),
    ("form.function", "Create function", "함수 생성"),
    ("form.purge", "Purge queue", "대기열 비우기"),
    ("form.movetask", "Start move task (redrive)", "이동 작업 시작 (redrive)"),
    ("form.change_vis", "Change visibility", "가시성 변경"),
    ("form.body", "Message body", "메시지 본문"),
    ("form.attrs", "Message attributes (JSON)", "메시지 속성 (JSON)"),
    ("form.policy", "Filter policy (JSON)", "필터 정책 (JSON)"),
    ("form.policy_ok", "valid filter policy", "올바른 필터 정책"),
    ("form.policy_bad", "not a valid filter policy", "올바르지 않은 필터 정책"),
    ("form.json_ok", "valid JSON", "올바른 JSON"),
    ("form.json_bad", "not valid JSON", "올바르지 않은 JSON"),
    ("form.received_one", "{n} message received", "메시지 {n}개 수신"),
    ("form.received_many", "{n} messages received", "메시지 {n}개 수신"),
    (
        "hint.sqs: SetQueueAttributes Policy first",
        "sqs: first SetQueueAttributes so the topic may send (as the SQS console does)",
        "sqs: 먼저 SetQueueAttributes로 주제의 전송을 허용 (SQS 콘솔처럼)",
    ),
    ("form.dlq", "Dead-letter queue", "데스레터 대기열"),
    ("form.none", "(none)", "(없음)"),
    ("form.ok", "OK", "완료"),
    ("form.error", "Error", "오류"),
    ("form.queue_pick", "Queue", "대기열"),
    ("form.topic_pick", "Topic", "주제"),
    ("form.stream_pick", "Stream", "스트림"),
    ("form.run", "Run", "실행"),
    ("form.load", "Load scenario", "시나리오 불러오기"),
    ("form.reset", "Reset", "초기화"),
    ("form.share", "Copy share link", "공유 링크 복사"),
    (
        "form.shared",
        "The browser did not allow copying: the link is in the address bar.",
        "브라우저가 복사를 허용하지 않았습니다: 링크는 주소창에 있습니다.",
    ),
    (
        "form.copied",
        "Link copied: opening it reproduces this scenario.",
        "링크를 복사했습니다: 열면 이 시나리오가 그대로 재현됩니다.",
    ),
    (
        "inspect.none",
        "Click a message, record or resource to inspect it.",
        "메시지, 레코드 또는 리소스를 클릭하여 살펴보세요.",
    ),
    ("inspect.life", "Life", "생애"),
    ("inspect.close", "Close the inspector", "검사기 닫기"),
    (
        "inspect.none_play",
        "Click a message, record or filter gate to see why it is where it is.",
        "메시지, 레코드 또는 필터 게이트를 클릭하면 왜 그곳에 있는지 보여 줍니다.",
    ),
    ("inspect.attributes", "Attributes", "속성"),
    ("inspect.receive_count", "Receive count", "수신 횟수"),
    (
        "why.inflight",
        "In flight: invisible until {t} (VisibilityTimeout), then it returns to the queue unless deleted.",
        "처리 중: 가시성 시간 초과가 끝나는 {t}까지 보이지 않으며, 삭제되지 않으면 대기열로 돌아옵니다.",
    ),
    (
        "why.delayed",
        "Delayed: invisible until {t} (DelaySeconds).",
        "지연: {t}까지 보이지 않습니다 (DelaySeconds).",
    ),
    (
        "why.group",
        "FIFO: message group {g} is blocked while message {m} is in flight.",
        "FIFO: 메시지 {m}이(가) 처리 중인 동안 메시지 그룹 {g}은(는) 막혀 있습니다.",
    ),
    (
        "why.visible",
        "Visible: the next ReceiveMessage can return it.",
        "보임: 다음 ReceiveMessage가 반환할 수 있습니다.",
    ),
    (
        "why.redrive",
        "Received {n} of maxReceiveCount {max}: receive number {k} exceeds the limit and moves it to {dlq} instead of returning it.",
        "maxReceiveCount {max} 중 {n}번 수신됨: {k}번째 수신은 한도를 넘으므로 메시지를 반환하지 않고 {dlq}(으)로 옮깁니다.",
    ),
    (
        "why.redrive_next",
        "Received {n} of maxReceiveCount {max}: the next receive exceeds the limit and moves it to {dlq} instead of returning it.",
        "maxReceiveCount {max} 중 {n}번 수신됨: 다음 수신은 한도를 넘으므로 메시지를 반환하지 않고 {dlq}(으)로 옮깁니다.",
    ),
    (
        "why.hash",
        "PartitionKey → MD5 → 128-bit hash key → the shard whose HashKeyRange holds it",
        "파티션 키 → MD5 → 128비트 해시 키 → 그 값을 HashKeyRange에 포함하는 샤드",
    ),
    ("why.filter", "Filter policy evaluation", "필터 정책 평가"),
    ("why.delivered", "delivered", "전달됨"),
    ("why.filtered", "filtered out", "필터링됨"),
    ("filter.conditions", "Policy", "정책"),
    ("filter.values", "Message", "메시지"),
    ("filter.matched", "matched", "일치"),
    ("filter.no_match", "no condition matched", "일치하는 조건 없음"),
    ("filter.more", "+{n} more", "외 {n}개"),
    ("filter.branch", "$or branch {n}", "$or 분기 {n}"),
    ("filter.missing.Absent", "not in the message", "메시지에 없음"),
    ("filter.missing.BinaryIgnored", "a Binary attribute: filters ignore it", "Binary 속성: 필터가 무시함"),
    ("filter.missing.NotALeaf", "an object, not a value", "값이 아닌 객체"),
    ("filter.missing.EmptyArray", "an empty array: no values", "빈 배열: 값 없음"),
    (
        "filter.hint.quotedPolicyValueAgainstNumber",
        "a quoted policy value matches strings only; this value is a number (write it unquoted)",
        "따옴표로 감싼 정책 값은 문자열에만 일치합니다. 이 값은 숫자입니다 (따옴표 없이 쓰세요)",
    ),
    (
        "filter.hint.numberAgainstString",
        "an unquoted policy number matches numbers only; this value is a string (use DataType Number)",
        "따옴표 없는 정책 숫자는 숫자에만 일치합니다. 이 값은 문자열입니다 (DataType Number를 쓰세요)",
    ),
    (
        "filter.hint.numericAgainstString",
        "numeric conditions match numbers only; this value is a string (use DataType Number)",
        "numeric 조건은 숫자에만 일치합니다. 이 값은 문자열입니다 (DataType Number를 쓰세요)",
    ),
    ("filter.hint.stringConditionAgainstNumber", "string conditions never match numbers", "문자열 조건은 숫자와 일치하지 않습니다"),
    (
        "filter.hint.literalAgainstString",
        "true, false and null in the policy match JSON literals only, not strings",
        "정책의 true, false, null은 문자열이 아닌 JSON 리터럴에만 일치합니다",
    ),
    (
        "filter.hint.needsDoubleEscape",
        "quotes and backslashes in String attribute values must be escaped twice in the policy",
        "String 속성 값의 따옴표와 백슬래시는 정책에서 두 번 이스케이프해야 합니다",
    ),
    (
        "filter.hint.caseDiffers",
        "string matching is case-sensitive; use {\"equals-ignore-case\": …}",
        "문자열 일치는 대소문자를 구분합니다. {\"equals-ignore-case\": …}를 쓰세요",
    ),
    (
        "filter.issue.no_attributes",
        "The message has no attributes, so no key of the policy has a value.",
        "메시지에 속성이 없어 정책의 어떤 키에도 값이 없습니다.",
    ),
    (
        "filter.issue.invalid_attribute",
        "Attribute {a} cannot be filtered on, so the message matches no policy.",
        "{a} 속성은 필터링할 수 없어 메시지가 어떤 정책과도 일치하지 않습니다.",
    ),
    (
        "filter.issue.body_not_json",
        "The body is not JSON, so a MessageBody-scope policy matches nothing.",
        "본문이 JSON이 아니어서 MessageBody 범위 정책과 일치하지 않습니다.",
    ),
    (
        "filter.issue.body_not_object",
        "The body is JSON but not an object, so a MessageBody-scope policy matches nothing.",
        "본문이 JSON 객체가 아니어서 MessageBody 범위 정책과 일치하지 않습니다.",
    ),
    (
        "filter.array_elements_differ",
        "The keys matched values from different elements of one array of objects: not a match.",
        "키들이 한 객체 배열의 서로 다른 요소의 값과 일치했으므로 일치가 아닙니다.",
    ),
    (
        "filter.pending",
        "Published at {at}. SNS fans a publication out {ms} ms later and evaluates this filter policy then.",
        "{at}에 게시되었습니다. SNS는 {ms} ms 뒤에 구독자에게 전달(팬아웃)하며, 그때 이 필터 정책을 평가합니다.",
    ),
    ("filter.none_yet", "No message has been published to this subscription's topic yet.", "아직 이 구독의 주제에 게시된 메시지가 없습니다."),
    ("log.empty", "Nothing has happened yet.", "아직 아무 일도 없습니다."),
    ("metric.period", "Period", "기간"),
    ("metric.depth", "Queue depth", "대기열 깊이"),
    ("metric.inflight", "In flight", "처리 중"),
    ("metric.age", "Age of oldest", "가장 오래된 메시지 나이"),
    ("metric.write_bytes", "Write rate (bytes)", "쓰기 속도 (바이트)"),
    ("metric.write_records", "Write rate (records)", "쓰기 속도 (레코드)"),
    ("metric.iterator_age", "Iterator age", "반복기 나이"),
    ("metric.firehose_in", "Incoming bytes", "수신 바이트"),
    ("metric.buffer_fill", "Buffer fill", "버퍼 채움"),
    ("metrics.none", "No datapoints yet.", "아직 데이터 포인트가 없습니다."),
    ("stream.hashspace", "hash keys 0 … 2¹²⁸−1", "해시 키 0 … 2¹²⁸−1"),
    ("stream.records", "records", "레코드"),
    ("stream.closed", "closed", "닫힘"),
    ("stream.shard", "shard", "샤드"),
    ("stream.open", "open", "열림"),
    ("why.hash_key", "hash key", "해시 키"),
    ("why.hash_share", "{p} of 2¹²⁸", "2¹²⁸의 {p}"),
    ("script.example_comment", "A queue, a slow consumer and a check (AWS CLI syntax)", "대기열, 느린 소비자, 그리고 검사 (AWS CLI 문법)"),
    ("script.expect_failed", "expect failed: {check}: expected {e}, actual {a}", "expect 실패: {check}: 기대값 {e}, 실제값 {a}"),
    ("table.standard", "Standard", "표준"),
    ("fh.buffer", "buffer", "버퍼"),
    ("fh.flush_in", "flush in", "플러시까지"),
    ("fh.idle", "empty · waiting for a record", "비어 있음 · 레코드 대기"),
    ("fn.invocations", "invocations", "호출"),
    ("fn.invocation", "invocation", "호출"),
    ("stream.record", "record", "레코드"),
    ("stream.position", "reader", "읽는 소비자"),
    ("bucket.empty", "No objects yet.", "아직 객체가 없습니다."),
    ("inbox.empty", "Nothing received yet.", "아직 받은 것이 없습니다."),
    (
        "why.firehose",
        "The buffer is delivered to S3 as one object when it holds {mb} MiB (SizeInMBs) or {s} s after its first record (IntervalInSeconds), whichever comes first.",
        "버퍼는 {mb} MiB가 차거나(SizeInMBs) 첫 레코드 뒤 {s}초가 지나면(IntervalInSeconds), 먼저 오는 쪽에 S3 객체 하나로 전달됩니다.",
    ),
    ("empty.canvas", "Create a queue or a topic to begin.", "대기열이나 주제를 만들어 시작하세요."),
    ("empty.examples", "Or load an example: Script → Examples.", "또는 예제를 불러오세요: 스크립트 → 예제."),
    ("embed.open", "Open in Decouple Lab", "Decouple Lab에서 열기"),
];

/// The text of `key` in `lang` (the key itself if missing, so a gap is visible).
pub fn t(lang: Lang, key: &str) -> &'static str {
    // ok: unknown keys are programming errors; show something rather than panic.
    t_opt(lang, key).unwrap_or("?")
}

/// The string of `key`, if the catalog has it.
pub fn t_opt(lang: Lang, key: &str) -> Option<&'static str> {
    CATALOG.iter().find(|(k, _, _)| *k == key).map(|(_, en, ko)| match lang {
        Lang::En => *en,
        Lang::Ko => *ko,
    })
}

/// `n` and the noun for it: `one` when n is 1, else `many` (Korean nouns do not change).
pub fn count(lang: Lang, n: u64, one: &str, many: &str) -> String {
    match lang {
        Lang::En => format!("{n} {}", t(lang, if n == 1 { one } else { many })),
        // Korean counts after the noun, with its counter word: 레코드 3개, 호출 1회, 읽는 소비자 2명.
        Lang::Ko => {
            let counter = match one {
                "fn.invocation" => "회",
                "stream.position" => "명",
                _ => "개",
            };
            format!("{} {n}{counter}", t(lang, many))
        }
    }
}

/// `t` with `{name}` placeholders filled.
pub fn tf(lang: Lang, key: &str, args: &[(String, String)]) -> String {
    let mut s = t(lang, key).to_string();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages_and_keys_are_unique() {
        let mut keys = std::collections::BTreeSet::new();
        for (k, en, ko) in CATALOG {
            assert!(keys.insert(*k), "duplicate {k}");
            assert!(!en.is_empty() && !ko.is_empty(), "{k}");
        }
        assert_eq!(t(Lang::Ko, "node.queue"), "대기열");
        assert_eq!(count(Lang::En, 1, "stream.record", "stream.records"), "1 record");
        assert_eq!(count(Lang::En, 2, "stream.record", "stream.records"), "2 records");
        assert_eq!(count(Lang::Ko, 3, "stream.record", "stream.records"), "레코드 3개");
        assert_eq!(count(Lang::Ko, 1, "fn.invocation", "fn.invocations"), "호출 1회");
        assert_eq!(
            tf(Lang::En, "why.delayed", &[("t".into(), "5".into())]),
            "Delayed: invisible until 5 (DelaySeconds)."
        );
    }
}
