import { randomUUID } from "node:crypto";

/** A Standard Webhooks message id (`webhook-id`): the same for every attempt of one delivery. */
export const newMessageId = () => `msg_${randomUUID().replaceAll("-", "")}`;
