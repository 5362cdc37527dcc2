# The dead-letter queue the create-queue example's redrive policy names.
aws sqs create-queue --queue-name MyDeadLetterQueue
