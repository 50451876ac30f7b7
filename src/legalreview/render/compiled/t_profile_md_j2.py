from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'profile.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_name = resolve('name')
    l_0_iso3 = resolve('iso3')
    l_0_illustrative = resolve('illustrative')
    l_0_site = resolve('site')
    l_0_region = resolve('region')
    l_0_subregion = resolve('subregion')
    l_0_sets = resolve('sets')
    l_0_statutes = resolve('statutes')
    l_0_facts = resolve('facts')
    l_0_instruments = resolve('instruments')
    l_0_cite = resolve('cite')
    try:
        t_1 = environment.filters['md']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'md' found.")
    try:
        t_2 = environment.filters['mdurl']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'mdurl' found.")
    pass
    yield '# '
    yield str(t_1((undefined(name='name') if l_0_name is missing else l_0_name)))
    yield ' ('
    yield str((undefined(name='iso3') if l_0_iso3 is missing else l_0_iso3))
    yield ')\n\n'
    if (undefined(name='illustrative') if l_0_illustrative is missing else l_0_illustrative):
        pass
        yield '> **'
        yield str(t_1(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'banner')))
        yield '**\n\n'
    yield str(t_1(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title')))
    yield ' · '
    yield str(t_1(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'publisher')))
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'edition'):
        pass
        yield ' · '
        yield str(t_1(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'edition')))
        yield ' review'
    yield str((str_join((' · ', environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date'), )) if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date') else ''))
    yield '\n\n'
    if (undefined(name='region') if l_0_region is missing else l_0_region):
        pass
        yield 'Region: '
        yield str(t_1((undefined(name='region') if l_0_region is missing else l_0_region)))
        yield str((str_join((' (', t_1((undefined(name='subregion') if l_0_subregion is missing else l_0_subregion)), ')', )) if (undefined(name='subregion') if l_0_subregion is missing else l_0_subregion) else ''))
        yield '\n\n'
    yield '| Criteria set | Tier | Criteria met | Edition | Assessed on |\n| --- | --- | --- | --- | --- |\n'
    for l_1_s in (undefined(name='sets') if l_0_sets is missing else l_0_sets):
        _loop_vars = {}
        pass
        if environment.getattr(l_1_s, 'assessed'):
            pass
            yield '| '
            yield str(t_1(environment.getattr(l_1_s, 'title')))
            yield ' | '
            yield str(t_1(environment.getattr(environment.getattr(l_1_s, 'tier'), 'label')))
            yield ' | '
            yield str(environment.getattr(l_1_s, 'met'))
            yield ' of '
            yield str(environment.getattr(l_1_s, 'n_criteria'))
            yield ' | '
            yield str(t_1(environment.getattr(l_1_s, 'edition')))
            yield ' | '
            yield str(environment.getattr(l_1_s, 'assessed_on'))
            yield ' |\n'
        else:
            pass
            yield '| '
            yield str(t_1(environment.getattr(l_1_s, 'title')))
            yield ' | Not yet assessed |  |  |  |\n'
    l_1_s = missing
    yield '\n## Statutes\n\n'
    t_3 = 1
    for l_1_st in (undefined(name='statutes') if l_0_statutes is missing else l_0_statutes):
        _loop_vars = {}
        pass
        yield '- '
        if environment.getattr(l_1_st, 'url'):
            pass
            yield '['
            yield str(t_1(environment.getattr(l_1_st, 'title')))
            yield ']('
            yield str(t_2(environment.getattr(l_1_st, 'url')))
            yield ')'
        else:
            pass
            yield str(t_1(environment.getattr(l_1_st, 'title')))
        yield str((str_join((', ', t_1(environment.getattr(l_1_st, 'citation')), )) if environment.getattr(l_1_st, 'citation') else ''))
        yield str((str_join((' — repealed ', environment.getattr(l_1_st, 'repealed_on'), )) if environment.getattr(l_1_st, 'repealed_on') else ''))
        yield str((' — a bill, not law' if environment.getattr(l_1_st, 'bill') else ''))
        yield str((str_join((' — applies to: ', t_1(environment.getattr(l_1_st, 'scope')), )) if environment.getattr(l_1_st, 'scope') else ''))
        yield '\n'
        t_3 = 0
    l_1_st = missing
    if t_3:
        pass
        yield 'No statutes recorded yet.\n'
    if (undefined(name='facts') if l_0_facts is missing else l_0_facts):
        pass
        yield '\n## Facts\n\n| Fact | Value | Provisions cited |\n| --- | --- | --- |\n'
        l_1_loop = missing
        for l_1_f, l_1_loop in LoopContext((undefined(name='facts') if l_0_facts is missing else l_0_facts), undefined):
            _loop_vars = {}
            pass
            yield '| '
            yield str(t_1(environment.getattr(l_1_f, 'label')))
            yield str((str_join((' (', t_1(environment.getattr(l_1_f, 'scope')), ')', )) if environment.getattr(l_1_f, 'scope') else ''))
            yield ' | '
            yield str(t_1(environment.getattr(l_1_f, 'value')))
            yield str((str_join((' ', t_1(environment.getattr(l_1_f, 'unit')), )) if (environment.getattr(l_1_f, 'unit') and (environment.getattr(l_1_f, 'value') != 'not known')) else ''))
            yield ' | '
            l_2_loop = missing
            for l_2_p, l_2_loop in LoopContext(environment.getattr(l_1_f, 'evidence'), undefined):
                _loop_vars = {}
                pass
                yield str(t_1(environment.getattr(l_2_p, 'statute')))
                yield ' s. '
                yield str(t_1(environment.getattr(l_2_p, 'section')))
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield '; '
            l_2_loop = l_2_p = missing
            yield ' |\n'
        l_1_loop = l_1_f = missing
    if (undefined(name='instruments') if l_0_instruments is missing else l_0_instruments):
        pass
        yield '\n## International instruments\n\n'
        for l_1_i in (undefined(name='instruments') if l_0_instruments is missing else l_0_instruments):
            l_1__ = resolve('_')
            _loop_vars = {}
            pass
            yield '- '
            yield str(t_1(environment.getattr(l_1_i, 'short')))
            yield ': '
            yield str(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), environment.getattr(l_1_i, 'status_label'), _loop_vars=_loop_vars))
            yield str((str_join((', ', environment.getattr(l_1_i, 'date'), )) if environment.getattr(l_1_i, 'date') else ''))
            yield '\n'
        l_1_i = l_1__ = missing
    l_1_loop = missing
    for l_1_s, l_1_loop in LoopContext((undefined(name='sets') if l_0_sets is missing else l_0_sets), undefined):
        _loop_vars = {}
        pass
        yield '\n## '
        yield str(t_1(environment.getattr(l_1_s, 'title')))
        yield '\n\n'
        if (not environment.getattr(l_1_s, 'assessed')):
            pass
            yield 'Not yet assessed.\n'
        else:
            pass
            yield 'Tier: **'
            yield str(t_1(environment.getattr(environment.getattr(l_1_s, 'tier'), 'label')))
            yield '** ('
            yield str(environment.getattr(l_1_s, 'met'))
            yield ' of '
            yield str(environment.getattr(l_1_s, 'n_criteria'))
            yield ' criteria met; '
            yield str(t_1(environment.getattr(l_1_s, 'edition')))
            yield ', '
            yield str(environment.getattr(l_1_s, 'assessed_on'))
            yield ', '
            yield str(environment.getattr(l_1_s, 'status'))
            yield ')\n\nCoded for: '
            yield str(t_1(environment.getattr(l_1_s, 'scope')))
            yield ' · '
            yield str((t_1(environment.getattr(l_1_s, 'law_as_at')) if environment.getattr(l_1_s, 'law_as_at') else 'law as at: not stated (taken as the assessment date)'))
            yield '\n'
            if environment.getattr(l_1_s, 'summary'):
                pass
                yield '\n'
                yield str(t_1(environment.getattr(l_1_s, 'summary')))
                yield '\n'
            yield '\n| Criterion | Answer | Provisions cited | Note |\n| --- | --- | --- | --- |\n'
            l_2_loop = missing
            for l_2_a, l_2_loop in LoopContext(environment.getattr(l_1_s, 'answers'), undefined):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.getattr(l_2_a, 'id'))
                yield ' '
                yield str(t_1(environment.getattr(l_2_a, 'short')))
                yield ' | '
                yield str(t_1(environment.getattr(environment.getattr(l_2_a, 'answer'), 'label')))
                yield ' | '
                l_3_loop = missing
                for l_3_p, l_3_loop in LoopContext(environment.getattr(l_2_a, 'evidence'), undefined):
                    l_3__ = resolve('_')
                    _loop_vars = {}
                    pass
                    yield str(t_1(environment.getattr(l_3_p, 'statute')))
                    yield ' s. '
                    yield str(t_1(environment.getattr(l_3_p, 'section')))
                    if environment.getattr(l_3_p, 'shown'):
                        pass
                        yield ' — '
                        yield str(t_1(environment.getattr(l_3_p, 'shown')))
                    if environment.getattr(l_3_p, 'translation'):
                        pass
                        yield ' ('
                        yield str(t_1(environment.getattr(environment.getattr(l_3_p, 'translation'), 'label')))
                        yield ': "'
                        yield str(t_1(environment.getattr(environment.getattr(l_3_p, 'translation'), 'text')))
                        yield '")'
                    if (environment.getattr(l_3_p, 'quoted') and environment.getattr(l_3_p, 'summary')):
                        pass
                        yield ' ('
                        yield str(environment.call(context, (undefined(name='_') if l_3__ is missing else l_3__), 'Summary (our words):', _loop_vars=_loop_vars))
                        yield ' '
                        yield str(t_1(environment.getattr(l_3_p, 'summary')))
                        yield ')'
                    if (not environment.getattr(l_3_loop, 'last')):
                        pass
                        yield '; '
                l_3_loop = l_3_p = l_3__ = missing
                yield ' | '
                yield str(t_1(environment.getattr(l_2_a, 'note')))
                if environment.getattr(l_2_a, 'changed_on'):
                    pass
                    yield str((' ' if environment.getattr(l_2_a, 'note') else ''))
                    yield '(last changed on '
                    yield str(environment.getattr(l_2_a, 'changed_on'))
                    yield ' by '
                    yield str(t_1(environment.getattr(l_2_a, 'changed_by')))
                    yield ')'
                yield ' |\n'
            l_2_loop = l_2_a = missing
            if environment.getattr(l_1_s, 'history'):
                pass
                yield '\nChange history:\n\n| Date | Criterion | Before | After | Changed by | Source |\n| --- | --- | --- | --- | --- | --- |\n'
                for l_2_h in environment.getattr(l_1_s, 'history'):
                    _loop_vars = {}
                    pass
                    yield '| '
                    yield str(environment.getattr(l_2_h, 'on'))
                    yield ' | '
                    yield str(environment.getattr(l_2_h, 'criterion'))
                    yield ' | '
                    yield str((t_1(environment.getattr(environment.getattr(l_2_h, 'before'), 'label')) if environment.getattr(l_2_h, 'before') else 'no answer'))
                    yield ' | '
                    yield str((t_1(environment.getattr(environment.getattr(l_2_h, 'after'), 'label')) if environment.getattr(l_2_h, 'after') else 'no answer'))
                    yield ' | '
                    yield str(t_1(environment.getattr(l_2_h, 'by')))
                    yield ' | '
                    yield str(t_1(environment.getattr(l_2_h, 'source')))
                    yield ' |\n'
                l_2_h = missing
            if (environment.getattr(l_1_s, 'changes') and environment.getattr(environment.getattr(l_1_s, 'changes'), 'rows')):
                pass
                yield '\nChanges since the '
                yield str(t_1(environment.getattr(environment.getattr(l_1_s, 'changes'), 'previous')))
                yield ':\n\n'
                for l_2_ch in environment.getattr(environment.getattr(l_1_s, 'changes'), 'rows'):
                    _loop_vars = {}
                    pass
                    yield '- '
                    yield str(environment.getattr(l_2_ch, 'criterion'))
                    yield ': '
                    yield str(t_1(environment.getattr(environment.getattr(l_2_ch, 'before'), 'label')))
                    yield ' → '
                    yield str(t_1(environment.getattr(environment.getattr(l_2_ch, 'after'), 'label')))
                    yield str((str_join((' (', t_1(environment.getattr(l_2_ch, 'reason')), ')', )) if environment.getattr(l_2_ch, 'reason') else ''))
                    yield ': '
                    yield str(t_1(environment.getattr(l_2_ch, 'kind_label')))
                    yield '\n'
                l_2_ch = missing
            if environment.getattr(l_1_s, 'gaps'):
                pass
                yield '\nGaps and model provisions:\n\n'
                for l_2_g in environment.getattr(l_1_s, 'gaps'):
                    _loop_vars = {}
                    pass
                    yield '- **'
                    yield str(environment.getattr(l_2_g, 'id'))
                    yield ' '
                    yield str(t_1(environment.getattr(l_2_g, 'short')))
                    yield '** ('
                    yield str(t_1(environment.getattr(environment.getattr(l_2_g, 'answer'), 'label')))
                    yield '): '
                    yield str(t_1(environment.getattr(l_2_g, 'model_provision')))
                    yield '\n'
                l_2_g = missing
    l_1_loop = l_1_s = missing
    yield '\n## Cite this page\n\n'
    yield str(t_1(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'publisher')))
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'date'):
        pass
        yield ' ('
        yield str(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'date')[:4])
        yield ')'
    yield '. *'
    yield str(t_1(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'title')))
    yield '*'
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'edition'):
        pass
        yield ', '
        yield str(t_1(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'edition')))
        yield ' edition'
    yield '.'
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'url'):
        pass
        yield ' <'
        yield str(t_2(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'url')))
        yield '>'
    else:
        pass
        yield ' '
        yield str(t_1(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'local')))
    yield '\n'

blocks = {}
debug_info = '1=35&3=39&4=42&7=44&9=54&10=57&15=61&16=64&17=67&19=82&25=87&26=91&30=111&36=115&37=119&40=138&44=141&45=146&48=153&50=157&52=159&55=165&57=177&58=181&60=184&65=188&66=192&68=240&74=243&75=247&78=260&80=263&82=265&83=269&86=279&90=282&91=286&99=297'

# Generated by `python3 -m legalreview.render.precompile` from templates/profile.md.j2: do not edit.
