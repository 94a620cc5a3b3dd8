'use client';

import { ChevronDown, Plus } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import type { KnownStageType } from '@/lib/pipeline/schema/stages';
import { catalogTypes } from './catalog-types';
import { stageCatalog, stageCategories } from '@/lib/pipeline/stage-catalog';
import { Button } from '@/components/ui/button';

/** "Add stage": the stage catalog by category (Escape closes; arrows move; Enter picks). */
export function AddStageMenu({ after, disabled, onAdd }: { after?: string; disabled?: boolean; onAdd(type: KnownStageType): void }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild disabled={disabled}>
        <Button size="sm" variant="primary">
          <Plus size={14} aria-hidden="true" />
          Add stage
          <ChevronDown size={14} aria-hidden="true" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={4} className="z-50 max-h-[min(28rem,var(--radix-dropdown-menu-content-available-height))] w-80 overflow-y-auto rounded-lg border border-line bg-surface p-1 shadow-xl">
          <p className="px-2 py-1.5 text-xs text-muted">{after ? 'The new stage runs after the selected one.' : 'The new stage starts with the pipeline.'}</p>
          {stageCategories.map((category) => (
            <DropdownMenu.Group key={category}>
              <DropdownMenu.Label className="px-2 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-muted">{category}</DropdownMenu.Label>
              {catalogTypes
                .filter((type) => stageCatalog[type].category === category)
                .map((type) => (
                  <DropdownMenu.Item key={type} onSelect={() => onAdd(type)} className="flex cursor-pointer flex-col rounded px-2 py-1.5 outline-none data-[highlighted]:bg-surface-2">
                    <span className="text-sm font-medium">{stageCatalog[type].label}</span>
                    <span className="text-xs text-muted">{stageCatalog[type].description}</span>
                  </DropdownMenu.Item>
                ))}
            </DropdownMenu.Group>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
