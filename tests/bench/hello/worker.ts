// The baseline for the requests-per-second budget: a bare Hono "hello" Worker.
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.text('Hello Hono!'));

export default app;
