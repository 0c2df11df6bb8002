import { z } from 'zod';
import { command } from '../command';
import { HttpExchange } from '../../model/exchange';
import { HistoryDetail, HistoryPage, HistoryPageRequest, HistoryStats } from '../../model/history';

export const historyCommands = {
  /** one page, newest first; `cursor` from the previous page for the next */
  'history.list': command(HistoryPageRequest, HistoryPage),
  /** an entry whole: the exchange, bodies as previews with blob ids for the rest */
  'history.get': command(z.object({ id: z.number().int() }), HistoryDetail),
  /**
   * one exchange by the id the request engine gave it (a collection run's step), as history recorded it;
   * with `runId`, a run's own exchange is found in the run when history does not hold it (history off, pruned)
   */
  'history.exchange': command(
    z.object({ exchangeId: z.string().min(1).max(200), runId: z.string().min(1).max(200).optional() }),
    z.object({ exchange: HttpExchange, historyId: z.number().int().optional() }),
  ),
  'history.delete': command(z.object({ ids: z.array(z.number().int()).min(1).max(100_000) }), z.object({ deleted: z.number().int() })),
  'history.clear': command(z.object({}), z.object({})),
  'history.stats': command(z.object({}), HistoryStats),
};
