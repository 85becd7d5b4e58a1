/** Routes of the book. The same tree renders on the server (prerender) and hydrates on the client. */
import { Route, Routes } from 'react-router';
import { Shell } from './layout/Shell';
import { Cover } from './layout/Cover';
import { ChapterRoute } from './layout/ChapterPage';
import { GlossaryPage } from './layout/GlossaryPage';
import { LabsPage } from './layout/LabsPage';
import { LabKitPage } from './layout/LabKitPage';
import { NotFound } from './layout/NotFound';

/** The app's route table. */
export function App() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<Cover />} />
        <Route path="glossary" element={<GlossaryPage />} />
        <Route path="labs" element={<LabsPage />} />
        <Route path="lab-kit" element={<LabKitPage />} />
        <Route path=":slug" element={<ChapterRoute />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
