import type { Kysely } from 'kysely';
import { assessmentRepository } from './assessment-repository.ts';
import { auditRepository } from './audit-repository.ts';
import type { Dialect } from './database.ts';
import { deadlineRepository } from './deadline-repository.ts';
import { departmentRepository } from './department-repository.ts';
import { detectionRepository } from './detection-repository.ts';
import { eventRepository } from './event-repository.ts';
import { hazardRepository } from './hazard-repository.ts';
import { importRepository } from './import-repository.ts';
import { mapCountRepository } from './map-count-repository.ts';
import { notificationRepository } from './notification-repository.ts';
import { observationRepository } from './observation-repository.ts';
import { placeRepository } from './place-repository.ts';
import { reportFeedbackRepository } from './report-feedback-repository.ts';
import { reportRepository } from './report-repository.ts';
import { responseFactsRepository } from './response-facts-repository.ts';
import type { Schema } from './schema.ts';
import { seriesReader } from './series-reader.ts';
import { seriesRepository } from './series-repository.ts';
import { signalRepository } from './signal-repository.ts';
import { sourceRepository } from './source-repository.ts';
import { storyRepository } from './story-repository.ts';
import { taskRepository } from './task-repository.ts';
import { userRepository } from './user-repository.ts';

/**
 * Every repository, bound to one connection or transaction. Services declare the subset they need as
 * their own port type; this bundle satisfies them all structurally, and `main/` wires it in.
 */
export function createStore(db: Kysely<Schema>, dialect: Dialect) {
  return {
    audit: auditRepository(db, dialect),
    assessments: assessmentRepository(db),
    deadlines: deadlineRepository(db),
    events: eventRepository(db),
    tasks: taskRepository(db),
    notifications: notificationRepository(db),
    responseFacts: responseFactsRepository(db),
    users: userRepository(db),
    signals: signalRepository(db),
    mapCounts: mapCountRepository(db),
    detection: detectionRepository(db),
    seriesReader: seriesReader(db),
    hazards: hazardRepository(db),
    places: placeRepository(db),
    departments: departmentRepository(db),
    series: seriesRepository(db),
    observations: observationRepository(db, dialect),
    imports: importRepository(db),
    reports: reportRepository(db),
    reportFeedback: reportFeedbackRepository(db),
    sources: sourceRepository(db),
    stories: storyRepository(db),
  };
}

export type Store = ReturnType<typeof createStore>;
