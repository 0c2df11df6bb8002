export { judgeStep, MAX_RETRIES, MAX_RETRY_WAIT_MS, type JudgeInput, type Verdict, type VerdictStatus } from './judge';
export { explainRequest, type Departure } from './departures';
export { errorDetail, header, parseBody, readList, resourceId, retryAfterMs, type Answer, type ListRead } from './answer';
export { judgeRate, GALLERY_RATE, type RateInput, type RateVerdict } from './rate';
