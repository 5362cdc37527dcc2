//! The JSON edge of SQS (AWS JSON 1.0 shapes; api-contract.md): parses each action's input,
//! calls the typed action, serialises its output. Actions without output answer `{}`.

use serde_json::{json, Value};

use crate::json::{output, parse};
use crate::{ApiError, Cloud};

pub(crate) fn dispatch(cloud: &mut Cloud, action: &str, input: Value) -> Result<Value, ApiError> {
    let empty = |r: Result<(), ApiError>| r.map(|()| json!({}));
    match action {
        "CreateQueue" => output(&cloud.create_queue(parse(input)?)?),
        "DeleteQueue" => empty(cloud.delete_queue(parse(input)?)),
        "ListQueues" => output(&cloud.list_queues(parse(input)?)?),
        "GetQueueUrl" => output(&cloud.get_queue_url(parse(input)?)?),
        "GetQueueAttributes" => output(&cloud.get_queue_attributes(parse(input)?)?),
        "SetQueueAttributes" => empty(cloud.set_queue_attributes(parse(input)?)),
        "PurgeQueue" => empty(cloud.purge_queue(parse(input)?)),
        "SendMessage" => output(&cloud.send_message(parse(input)?)?),
        "SendMessageBatch" => output(&cloud.send_message_batch(parse(input)?)?),
        "ReceiveMessage" => output(&cloud.receive_message(parse(input)?)?),
        "DeleteMessage" => empty(cloud.delete_message(parse(input)?)),
        "DeleteMessageBatch" => output(&cloud.delete_message_batch(parse(input)?)?),
        "ChangeMessageVisibility" => empty(cloud.change_message_visibility(parse(input)?)),
        "ChangeMessageVisibilityBatch" => output(&cloud.change_message_visibility_batch(parse(input)?)?),
        "TagQueue" => empty(cloud.tag_queue(parse(input)?)),
        "UntagQueue" => empty(cloud.untag_queue(parse(input)?)),
        "ListQueueTags" => output(&cloud.list_queue_tags(parse(input)?)?),
        "ListDeadLetterSourceQueues" => output(&cloud.list_dead_letter_source_queues(parse(input)?)?),
        "StartMessageMoveTask" => output(&cloud.start_message_move_task(parse(input)?)?),
        "ListMessageMoveTasks" => output(&cloud.list_message_move_tasks(parse(input)?)?),
        "CancelMessageMoveTask" => output(&cloud.cancel_message_move_task(parse(input)?)?),
        "AddPermission" => empty(cloud.add_permission(parse(input)?)),
        "RemovePermission" => empty(cloud.remove_permission(parse(input)?)),
        _ => Err(ApiError::unknown_operation("sqs", action)),
    }
}
